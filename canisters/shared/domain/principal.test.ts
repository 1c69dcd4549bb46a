import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { principalBytes, principalProblem } from './principal.ts';

const ofLength = (n: number) => Principal.fromUint8Array(new Uint8Array(n).fill(7)).toText();

describe('principalProblem', () => {
  it('reads the byte length from the text for every length', () => {
    for (let n = 0; n <= 64; n++) expect(principalBytes(ofLength(n))).toBe(n);
  });

  it('accepts up to 29 bytes and refuses 30, and the anonymous principal', () => {
    expect(principalProblem(ofLength(29))).toBeUndefined();
    expect(principalProblem('aaaaa-aa')).toBeUndefined();
    expect(principalProblem(ofLength(30))).toBe('is 30 bytes long; principals have at most 29');
    expect(principalProblem('2vxsx-fae')).toBe('must not be the anonymous principal');
  });
});
