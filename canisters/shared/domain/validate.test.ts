import { describe, expect, it } from 'vitest';

import { checkCount, checkRanges, checkText } from './validate.ts';

describe('checkText', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(checkText('name', 'ééé', 6)).toBeUndefined();
    expect(checkText('name', 'éééé', 6)).toEqual({ Err: { LimitExceeded: 'name is 8 bytes; the limit is 6' } });
  });

  it('refuses blank required text and accepts blank optional text', () => {
    expect(checkText('name', '  ', 10)).toEqual({ Err: { InvalidInput: 'name must not be empty' } });
    expect(checkText('name', '', 10, { required: false })).toBeUndefined();
  });
});

describe('checkCount', () => {
  it('allows the limit and refuses one more', () => {
    expect(checkCount('models', 3, 3)).toBeUndefined();
    expect(checkCount('models', 4, 3)).toEqual({ Err: { LimitExceeded: 'models has 4 entries; the limit is 3' } });
  });
});

describe('checkRanges', () => {
  const ranges = { small: [1, 10], big: [5n, 50n] } as const;

  it('accepts both ends of every range', () => {
    expect(checkRanges({ small: 1, big: 50n }, ranges)).toBeUndefined();
    expect(checkRanges({ small: 10, big: 5n }, ranges)).toBeUndefined();
  });

  it('names the first field out of range', () => {
    expect(checkRanges({ small: 11, big: 5n }, ranges)).toEqual({
      Err: { InvalidInput: 'small is 11; it must be between 1 and 10' },
    });
    expect(checkRanges({ small: 2, big: 4n }, ranges)).toEqual({
      Err: { InvalidInput: 'big is 4; it must be between 5 and 50' },
    });
  });

  it('refuses fractions and non-numbers', () => {
    expect(checkRanges({ small: 2.5, big: 5n }, ranges)).toMatchObject({ Err: { InvalidInput: expect.any(String) } });
    expect(checkRanges({ small: Number.NaN, big: 5n }, ranges)).toMatchObject({
      Err: { InvalidInput: expect.any(String) },
    });
  });
});
