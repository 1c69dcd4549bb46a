import { describe, expect, it } from 'vitest';

import { enumWords, formatNanos, formatSeconds, groupDigits } from './format.utils.ts';
import { topicText } from './topic.utils.ts';

describe('format utils', () => {
  it('write a timestamp exactly as Date.toLocaleString does, from seconds or nanoseconds', () => {
    const ms = 1_800_000_123_000;
    expect(formatSeconds(BigInt(ms / 1000))).toBe(new Date(ms).toLocaleString());
    expect(formatNanos(BigInt(ms) * 1_000_000n + 999_999n)).toBe(new Date(ms).toLocaleString());
  });

  it('group digits in threes, bigints beyond 2^53 exactly', () => {
    expect(groupDigits(0n)).toBe('0');
    expect(groupDigits(1_234_567n)).toBe('1,234,567');
    expect(groupDigits(2n ** 64n)).toBe('18,446,744,073,709,551,616');
  });
});

describe('enum names in words', () => {
  it('split variants and record keys into a sentence-case phrase', () => {
    expect(enumWords('ContributorAdmitted')).toBe('Contributor admitted');
    expect(enumWords('WorkerKeyBound')).toBe('Worker key bound');
    expect(enumWords('nomination_id')).toBe('Nomination id');
    expect(enumWords('Open')).toBe('Open');
  });

  it('name every SNS topic in words, critical ones marked, and an unknown one split rather than raw', () => {
    expect(topicText('ApplicationBusinessLogic')).toMatchObject({
      name: 'Application business logic',
      critical: false,
    });
    expect(topicText('CriticalDappOperations')).toMatchObject({ name: 'Critical dapp operations', critical: true });
    expect(topicText('TreasuryAssetManagement').critical).toBe(true);
    expect(topicText('SomeFutureTopic')).toEqual({ name: 'Some future topic', about: '', critical: false });
  });
});
