import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { MemberRole } from './types.ts';

export const isNodeProvider = (role: MemberRole) => 'NodeProvider' in role;

/** Why a principal cannot be nominated, or undefined when it can. Removed contributors may return. */
export function candidateBlocker(role: MemberRole): string | undefined {
  if ('NodeProvider' in role) return 'is a node provider';
  if ('Worker' in role) return `is a worker key of contributor ${role.Worker.contributor}`;
  if ('Contributor' in role) {
    if ('Active' in role.Contributor) return 'is already an active contributor';
    if ('Suspended' in role.Contributor) return 'is a suspended contributor';
  }
  return undefined;
}

export function describeRole(role: MemberRole): string {
  const [kind, value] = Object.entries(role)[0] as [string, unknown];
  if (kind === 'Contributor') return `Contributor (${Object.keys(value as object)[0]})`;
  if (kind === 'Worker') return `Worker of ${(value as { contributor: PrincipalText }).contributor}`;
  return kind;
}
