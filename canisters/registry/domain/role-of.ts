import type { PrincipalText } from '../../shared/domain/principal.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { Role } from './types.ts';

/** What a principal is to the registry. A node provider that was removed has no role any more. */
export function roleOf(stores: RegistryStores, principal: PrincipalText): Role {
  const provider = stores.nodeProviders.get(principal);
  if (provider?.active) return { kind: 'NodeProvider' };
  const contributor = stores.contributors.get(principal);
  if (contributor !== undefined) return { kind: 'Contributor', status: contributor.status };
  const binding = stores.workerKeys.get(principal);
  if (binding !== undefined) {
    const owner = stores.contributors.get(binding.contributor);
    return { kind: 'Worker', contributor: binding.contributor, active: owner?.status === 'Active' };
  }
  return { kind: 'None' };
}

/** Why the principal cannot take a new identity here: it is a system canister, or is or was a member. */
export function identityTaken(stores: RegistryStores, principal: PrincipalText): string | undefined {
  const { governance, invitation, queue } = readMeta(stores);
  if ([governance, invitation, queue].includes(principal)) return 'is a system canister';
  if (stores.nodeProviders.has(principal)) return 'is a node provider';
  if (stores.contributors.has(principal)) return 'is a contributor';
  if (stores.workerKeys.has(principal)) return 'is a bound worker key';
  return undefined;
}
