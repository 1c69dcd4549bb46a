import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fastDecoder, fastEncoder } from './utf8.ts';

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
