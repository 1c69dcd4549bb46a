import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { RegistryStores } from './stores.ts';
import type { ContributorStatus, NodeProvider } from './types.ts';

const FIELD: Record<ContributorStatus, 'sponsored_active' | 'sponsored_suspended' | 'sponsored_removed'> = {
  Active: 'sponsored_active',
  Suspended: 'sponsored_suspended',
  Removed: 'sponsored_removed',
};

/** Moves one sponsored contributor between the sponsor's status counts (from/to undefined: none). */
export function moveSponsored(
  stores: RegistryStores,
  sponsor: PrincipalText,
  from: ContributorStatus | undefined,
  to: ContributorStatus | undefined,
): void {
  const provider = stores.nodeProviders.get(sponsor);
  if (provider === undefined) return;
  const next: NodeProvider = { ...provider };
  if (from !== undefined) next[FIELD[from]] = Math.max(0, next[FIELD[from]] - 1);
  if (to !== undefined) next[FIELD[to]] += 1;
  stores.nodeProviders.set(sponsor, next);
}
