import { IDL } from '@dfinity/candid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { argsDecoder } from './candid-args.ts';
import { everyMethod, valueOf } from './testing/candid-values.ts';

/**
 * The decoder's value or its error message, so results and failures compare alike. The library numbers the
 * types it builds from a message's table (rec_N) with a counter that runs across calls: the numbers go.
 */
function outcome(decode: () => unknown[]): { value: unknown[] } | { error: string } {
  try {
    return { value: decode() };
  } catch (error) {
    return { error: (error as Error).message.replace(/rec_\d+/g, 'rec_N') };
  }
}

/** Encoded arguments, as they are, cut short, or grown. */
const argumentBytes = (types: IDL.Type[]) =>
  fc.tuple(...types.map((t) => valueOf(t))).chain((values) => {
    const bytes = new Uint8Array(IDL.encode(types, values));
    return fc.oneof(
      fc.constant(bytes),
      fc.nat(bytes.length).map((n) => bytes.subarray(0, n)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((extra) => Uint8Array.from([...bytes, ...extra])),
    );
  });

/** The bytes with each byte of the values in turn (a change in the types table only goes to IDL.decode) set to
 * edge values: past a bool or an opt tag, a variant index, a length, the UTF-8 of a text. */
function* changedValueBytes(types: IDL.Type[], values: unknown[]): Generator<Uint8Array> {
  const bytes = new Uint8Array(IDL.encode(types, values));
  const valueBytes = types.reduce((n, t, i) => n + t.encodeValue(values[i]).length, 0);
  for (let at = bytes.length - valueBytes; at < bytes.length; at++) {
    for (const b of [2, 0x80, 0xff, (bytes[at]! + 1) & 0xff]) yield bytes.map((x, i) => (i === at ? b : x));
  }
}

describe('argsDecoder', () => {
  it.each(everyMethod)('decodes the arguments of %s as IDL.decode does, cut short or grown too', (_, func) => {
    const decode = argsDecoder(func.argTypes);
    fc.assert(
      fc.property(argumentBytes(func.argTypes), (bytes) => {
        expect(outcome(() => decode(bytes))).toStrictEqual(outcome(() => IDL.decode(func.argTypes, bytes)));
      }),
      { numRuns: 60 },
    );
  });

  it.each(everyMethod)('refuses or reads as IDL.decode does every changed value byte of %s', (_, func) => {
    const decode = argsDecoder(func.argTypes);
    fc.assert(
      fc.property(fc.tuple(...func.argTypes.map((t) => valueOf(t))), (values) => {
        for (const bytes of changedValueBytes(func.argTypes, values)) {
          expect(outcome(() => decode(bytes))).toStrictEqual(outcome(() => IDL.decode(func.argTypes, bytes)));
        }
      }),
      { numRuns: 6 },
    );
  });

  it('reads arguments whose types table differs from its own through IDL.decode (Candid subtyping)', () => {
    const older = IDL.Record({ name: IDL.Text });
    const newer = IDL.Record({ name: IDL.Text, description: IDL.Opt(IDL.Text) });
    const bytes = new Uint8Array(IDL.encode([older], [{ name: 'a' }]));
    expect(argsDecoder([newer])(bytes)).toStrictEqual([{ name: 'a', description: [] }]);
  });
});
