import { sha256 } from '@noble/hashes/sha2';

/** Hex without Buffer: the canister's JS engine has no Node globals. */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const sha256Hex = (bytes: Uint8Array): string => toHex(sha256(bytes));
