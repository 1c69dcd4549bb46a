import type { PrincipalText } from '../../shared/domain/principal.ts';
import { appendEvent } from './events.ts';
import { bumpNodeProvidersVersion } from './node-provider-push.ts';
import type { RegistryStores } from './stores.ts';
import type { NodeProvider } from './types.ts';

export function newNodeProvider(id: PrincipalText, display_name: string, now: bigint): NodeProvider {
  return {
    id,
    display_name,
    active: true,
    added_at: now,
    updated_at: now,
    sponsored_active: 0,
    sponsored_suspended: 0,
    sponsored_removed: 0,
  };
}

/** Stores a node provider that is being added (genesis, new, or reactivated) and logs NodeProviderAdded. */
export function putNodeProvider(
  stores: RegistryStores,
  record: NodeProvider,
  actor: PrincipalText,
  now: bigint,
  detail: string,
): void {
  stores.nodeProviders.set(record.id, record);
  bumpNodeProvidersVersion(stores);
  appendEvent(stores, {
    kind: 'NodeProviderAdded',
    subject: record.id,
    actor,
    proposal_id: undefined,
    time: now,
    detail,
  });
}
