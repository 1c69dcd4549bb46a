import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRUNCATION_MARK, truncateUtf8 } from './output.ts';

const bytes = (s: string) => Buffer.byteLength(s);

describe('truncateUtf8', () => {
  it('keeps a text that fits', () => {
    expect(truncateUtf8('héllo', 6)).toBe('héllo');
  });

  it('never splits a character: 4-byte emoji, 3-byte CJK, 2-byte accents', () => {
    expect(truncateUtf8(`${'😀'.repeat(10)}`, 4 * 2 + bytes(TRUNCATION_MARK) + 3)).toBe(`😀😀${TRUNCATION_MARK}`);
    expect(truncateUtf8('日本語のテキスト', 5)).toBe('日'); // no room for the mark: cut alone
  });

  it('always fits, is a prefix of the text plus the mark, and decodes without replacement characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(200), (text, max) => {
        const out = truncateUtf8(text, max);
        expect(bytes(out)).toBeLessThanOrEqual(Math.max(max, 0));
        const kept = out.endsWith(TRUNCATION_MARK) ? out.slice(0, -TRUNCATION_MARK.length) : out;
        expect(bytes(text) <= max ? out === text : text.startsWith(kept)).toBe(true);
        expect(out.includes('\uFFFD') && !text.includes('\uFFFD')).toBe(false);
      }),
    );
  });
});
