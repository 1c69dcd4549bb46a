import { describe, expect, it } from 'vitest';

import { endedCalls, heldSummary, meanHeldMs, metricsUrl, OUTCOMES } from './llm.utils.ts';

const zero = {
  chats_v0: 0n,
  chats_v1: 0n,
  held: 0n,
  held_ms_total: 0n,
  ...(Object.fromEntries(OUTCOMES.map((o) => [o, 0n])) as Record<(typeof OUTCOMES)[number], bigint>),
};

describe('llm figures', () => {
  it('has no mean held time before a held call ended, refusals included', () => {
    expect(meanHeldMs({ ...zero, refused: 4n })).toBeUndefined();
    expect(heldSummary({ ...zero, refused: 4n })).toBe('no call has ended yet');
  });

  it('averages the held time over the calls that were held and ended, not over refusals', () => {
    const m = { ...zero, replied: 3n, timeout: 1n, refused: 10n, held_ms_total: 8_000n };
    expect(endedCalls(m)).toBe(4n);
    expect(meanHeldMs(m)).toBe(2_000n);
    expect(heldSummary(m)).toBe('2.0 s mean (8.0 s in all)');
  });

  it('points at /metrics through the local gateway or the mainnet raw domain', () => {
    expect(metricsUrl({ network: 'local', host: 'http://127.0.0.1:4943/' }, 'w36hm-eqaaa-aaaal-qr76a-cai')).toBe(
      'http://127.0.0.1:4943/metrics?canisterId=w36hm-eqaaa-aaaal-qr76a-cai',
    );
    expect(metricsUrl({ network: 'ic', host: 'https://icp-api.io' }, 'w36hm-eqaaa-aaaal-qr76a-cai')).toBe(
      'https://w36hm-eqaaa-aaaal-qr76a-cai.raw.icp0.io/metrics',
    );
  });
});
