/**
 * Numeric ids as fixed-width decimal strings so that string order equals numeric order
 * (u64 has at most 20 decimal digits).
 */
export function idKey(id: bigint): string {
  return id.toString().padStart(20, '0');
}

export function keyId(key: string): bigint {
  return BigInt(key);
}
