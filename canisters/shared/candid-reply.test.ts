import { IDL } from '@dfinity/candid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { queueTypes } from '../queue/interface.ts';
import { replyEncoder } from './candid-reply.ts';
import { everyMethod, valueOf } from './testing/candid-values.ts';

const replies = everyMethod.map(([name, func]) => [name, func.retTypes[0]] as const);

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

describe('replyEncoder', () => {
  it.each(replies)('writes what IDL.encode writes for every reply of %s', (_, type) => {
    const encode = replyEncoder(type);
    const arbitrary = type === undefined ? fc.constant(undefined) : valueOf(type);
    fc.assert(
      fc.property(arbitrary, (value) => {
        const expected = IDL.encode(type === undefined ? [] : [type], value === undefined ? [] : [value]);
        expect(sameBytes(encode(value), expected)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('throws what IDL.encode throws for a value its type refuses', () => {
    const type = queueTypes(IDL).result(IDL.Nat64);
    for (const bad of [{ Ok: -1n }, { Ok: 1n, Err: { NotFound: '' } }, { Maybe: 1n }, 'text', undefined]) {
      const expected = (() => {
        try {
          IDL.encode([type], bad === undefined ? [] : [bad]);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(expected).toBeDefined();
      expect(() => replyEncoder(type)(bad)).toThrow(expected);
    }
  });
});
