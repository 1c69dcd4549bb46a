import { Principal } from '@icp-sdk/core/principal';

import { ANONYMOUS, type PrincipalText } from '../domain/principal.ts';

/** A deterministic, valid principal for tests: `n` picks it. */
export function testPrincipal(n: number): PrincipalText {
  return Principal.fromUint8Array(new Uint8Array([0xaa, n >> 8, n & 0xff])).toText();
}

/**
 * The caller roles every update method is checked against (DESIGN.md). Each suite builds a world in
 * which these principals hold these roles, then asserts who may and who may not call each method.
 */
export const ROLES = {
  anonymous: ANONYMOUS,
  stranger: testPrincipal(1),
  nodeProvider: testPrincipal(2),
  contributor: testPrincipal(3),
  worker: testPrincipal(4),
  governance: testPrincipal(5),
  invitationCanister: testPrincipal(6),
  controller: testPrincipal(7),
  registryCanister: testPrincipal(8),
  queueCanister: testPrincipal(9),
} as const satisfies Record<string, PrincipalText>;

export type Role = keyof typeof ROLES;

export const ALL_ROLES = Object.keys(ROLES) as Role[];
