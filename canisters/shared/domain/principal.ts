/** Principals travel through the domain as their textual form; the canister glue converts. */
export type PrincipalText = string;

export const ANONYMOUS: PrincipalText = '2vxsx-fae';

/** The IC's longest principal; Candid itself decodes longer blobs as principals. */
export const MAX_PRINCIPAL_BYTES = 29;

export function isAnonymous(principal: PrincipalText): boolean {
  return principal === ANONYMOUS;
}

/** Bytes of a principal from its text: base32 of a 4-byte checksum and the bytes, grouped by dashes. */
export function principalBytes(principal: PrincipalText): number {
  const chars = principal.replaceAll('-', '').length;
  return Math.max(0, Math.floor((chars * 5) / 8) - 4);
}

/** Why a principal cannot be stored (anonymous, or longer than any principal the IC issues), or undefined. */
export function principalProblem(principal: PrincipalText): string | undefined {
  if (isAnonymous(principal)) return 'must not be the anonymous principal';
  const bytes = principalBytes(principal);
  if (bytes > MAX_PRINCIPAL_BYTES) return `is ${bytes} bytes long; principals have at most ${MAX_PRINCIPAL_BYTES}`;
  return undefined;
}
