import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeWellFormed, encodeWellFormed, fastDecoder, fastEncoder } from './utf8.ts';

// Node's own codecs are the reference; in a canister the base is azle's, which follows the same standard.
const Decoder = fastDecoder(TextDecoder as never);
const Encoder = fastEncoder(TextEncoder as never);
const bytes = fc.uint8Array({ maxLength: 64 });
/** Byte strings near UTF-8: valid sequences, truncated ones, overlongs, surrogates, past U+10FFFF. */
const nearUtf8 = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 4 }).map((s) => [...new TextEncoder().encode(s)]),
      fc.constantFrom([0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f]),
      fc.constantFrom([0xef, 0xbb, 0xbf], [0xe2, 0x82], [0xff], [0x80]),
    ),
    { maxLength: 12 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** Byte equality without the matcher's per-element diffing (a full code point sweep compares ~4 MB). */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.compare(a, b) === 0;

describe('fast UTF-8 codecs', () => {
  it('decode like the standard decoder, with and without fatal and ignoreBOM', () => {
    fc.assert(
      fc.property(fc.oneof(bytes, nearUtf8), fc.boolean(), fc.boolean(), (input, fatal, ignoreBOM) => {
        const run = (D: typeof TextDecoder) => {
          try {
            return { text: new D('utf-8', { fatal, ignoreBOM }).decode(input) };
          } catch (error) {
            return { error: (error as Error).name };
          }
        };
        expect(run(Decoder as never)).toEqual(run(TextDecoder));
      }),
      { numRuns: 2000 },
    );
  });

  it('encode like the standard encoder, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constant('\ud800'), fc.constant('\udc00'), fc.string({ unit: 'binary', maxLength: 1 })),
        }),
        (text) => {
          expect(new Encoder().encode(text)).toEqual(new TextEncoder().encode(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('encode and decode every code point as the standard codecs do, in blocks longer than a chunk', () => {
    const reference = new TextEncoder();
    for (let start = 0; start <= 0x10ffff; start += 0x2000) {
      const points = Array.from({ length: 0x2000 }, (_, i) => start + i).filter(
        (c) => c <= 0x10ffff && (c < 0xd800 || c > 0xdfff),
      );
      const text = String.fromCodePoint(...points);
      const bytes = reference.encode(text);
      expect(sameBytes(encodeWellFormed(text), bytes), `block from U+${start.toString(16)}`).toBe(true);
      expect(decodeWellFormed(bytes, 0) === text, `block from U+${start.toString(16)}`).toBe(true);
    }
  });

  it('leave every lone surrogate to the base encoder, wherever it stands', () => {
    for (let unit = 0xd800; unit <= 0xdfff; unit++) {
      const lone = String.fromCharCode(unit);
      for (const text of [lone, `a${lone}`, `${lone}€`, `😀${lone}😀`, `x`.repeat(5000) + lone]) {
        expect(encodeWellFormed(text), `U+${unit.toString(16)}`).toBeUndefined();
        expect(sameBytes(new Encoder().encode(text), new TextEncoder().encode(text)), `U+${unit.toString(16)}`).toBe(
          true,
        );
      }
    }
  });

  it('round-trip text past one chunk of code units', () => {
    const text = 'ab€😀'.repeat(5000);
    expect(new Decoder().decode(new Encoder().encode(text))).toBe(text);
  });

  it('leave other encodings and streams to the base decoder', () => {
    const latin1 = Uint8Array.from([0xe9]);
    expect(new Decoder('latin1').decode(latin1)).toBe('é');
    const streamed = new Decoder();
    expect(streamed.decode(Uint8Array.from([0xe2, 0x82]), { stream: true })).toBe('');
    expect(streamed.decode(Uint8Array.from([0xac]))).toBe('€');
  });
});
