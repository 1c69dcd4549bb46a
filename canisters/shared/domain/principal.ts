/** Principals travel through the domain as their textual form; the canister glue converts. */
export type PrincipalText = string;

export const ANONYMOUS: PrincipalText = '2vxsx-fae';

export function isAnonymous(principal: PrincipalText): boolean {
  return principal === ANONYMOUS;
}
