import { describe, expect, it } from 'vitest';

import { checkCount, checkRanges, checkSafeText, checkText } from './validate.ts';

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

describe('checkSafeText', () => {
  it.each([
    ['a newline that forges a second line', 'Carol\nApproved by the foundation', '000A'],
    ['a terminal escape sequence', 'Carol\u001b[2J', '001B'],
    ['DEL', 'Carol\u007f', '007F'],
    ['a C1 control', 'Carol\u009b', '009B'],
    ['a right-to-left override', 'Carol\u202egpj.exe', '202E'],
    ['a bidi isolate', '\u2066Carol', '2066'],
    ['a line separator', 'Carol\u2028Dave', '2028'],
  ])('refuses %s', (_name, value, code) => {
    expect(checkSafeText('display_name', value, 64)).toEqual({
      Err: { InvalidInput: `display_name must not contain control or bidi characters (U+${code})` },
    });
  });

  it('refuses a name that displays as empty (zero-width characters only)', () => {
    expect(checkSafeText('display_name', '\u200b\u200c\u200d\u2060\ufeff', 64)).toEqual({
      Err: { InvalidInput: 'display_name must not be empty' },
    });
    expect(checkSafeText('display_name', ' \u3164 \u00ad', 64)).toMatchObject({
      Err: { InvalidInput: expect.any(String) },
    });
  });

  it('accepts ordinary names in any script, emoji with joiners, and newlines only where multi-line', () => {
    for (const name of ['Ada Lovelace Labs', 'Müller & Söhne', 'مختبر', '東京ラボ', '👩‍💻 Carol', 'llama-3.1-8b-q4'])
      expect(checkSafeText('name', name, 64)).toBeUndefined();
    expect(checkSafeText('motivation', 'line one\n\tline two', 64, { multiline: true })).toBeUndefined();
    expect(checkSafeText('motivation', 'line one\u001b[31m', 64, { multiline: true })).toMatchObject({
      Err: { InvalidInput: expect.stringContaining('U+001B') },
    });
  });

  it('checks the byte limit first', () => {
    expect(checkSafeText('name', 'x'.repeat(65), 64)).toEqual({
      Err: { LimitExceeded: 'name is 65 bytes; the limit is 64' },
    });
  });
});
