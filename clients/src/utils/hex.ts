/** Bytes as lower-case hex and back (neuron ids, payloads); no Buffer, so it runs in browsers too. */
export const toHex = (bytes: Uint8Array | readonly number[]): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Accepts an optional 0x prefix and surrounding blanks; throws on anything that is not whole bytes of hex. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.trim().replace(/^0x/i, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`not a hex string: "${hex}"`);
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
