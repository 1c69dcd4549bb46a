import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from './hex.ts';

describe('hex', () => {
  it('round-trips bytes, lower-case, with or without 0x', () => {
    const bytes = Uint8Array.from([0, 1, 127, 128, 255]);
    expect(toHex(bytes)).toBe('00017f80ff');
    expect(toHex([10, 11])).toBe('0a0b');
    expect(fromHex('00017F80FF')).toEqual(bytes);
    expect(fromHex(' 0x0a0b ')).toEqual(Uint8Array.from([10, 11]));
    expect(fromHex('')).toEqual(new Uint8Array());
  });

  it.each(['abc', 'zz', '0x1g'])('refuses %j', (text) => {
    expect(() => fromHex(text)).toThrow(`not a hex string: "${text}"`);
  });
});
