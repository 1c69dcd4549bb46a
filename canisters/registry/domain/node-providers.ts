import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, limitExceeded, notFound, ok } from '../../shared/domain/result.ts';
import { firstError } from '../../shared/domain/validate.ts';
import { appendEvent } from './events.ts';
import type { GovernanceAction } from './governance-action.ts';
import { checkDisplayName, checkPrincipal, checkReason } from './input-checks.ts';
import { bumpNodeProvidersVersion } from './node-provider-push.ts';
import { newNodeProvider, putNodeProvider } from './node-provider-record.ts';
import { quoted } from './render.ts';
import { identityTaken } from './role-of.ts';
import { readMeta } from './stores.ts';

export interface AddNodeProvider {
  id: PrincipalText;
  display_name: string;
}

export interface RemoveNodeProvider {
  id: PrincipalText;
  reason: string;
}

/** Adds a node provider, or reactivates one that was removed (with the new display name). */
export const addNodeProvider: GovernanceAction<AddNodeProvider> = {
  plan(stores, { id, display_name }) {
    const { params } = readMeta(stores);
    const error = firstError(checkPrincipal('id', id), checkDisplayName(params, display_name));
    if (error) return error;
    const existing = stores.nodeProviders.get(id);
    if (existing?.active) return conflict(`${id} is already an active node provider`);
    if (existing !== undefined) {
      return ok(`Reactivate node provider ${quoted(existing.display_name)} (${id}) as ${quoted(display_name)}.`);
    }
    const taken = identityTaken(stores, id);
    if (taken) return conflict(`${id} ${taken}`);
    if (stores.nodeProviders.size() >= params.max_node_providers) {
      return limitExceeded(`the registry already holds ${params.max_node_providers} node providers`);
    }
    return ok(`Add node provider ${quoted(display_name)} (${id}).`);
  },
  apply(stores, caller, now, { id, display_name }) {
    const existing = stores.nodeProviders.get(id);
    const record = existing
      ? { ...existing, display_name, active: true, updated_at: now }
      : newNodeProvider(id, display_name, now);
    putNodeProvider(
      stores,
      record,
      caller,
      now,
      existing ? `Reactivated as ${JSON.stringify(display_name)}` : `Added as ${JSON.stringify(display_name)}`,
    );
  },
};

/** Marks a node provider inactive. The record and the contributors they sponsored stay. */
export const removeNodeProvider: GovernanceAction<RemoveNodeProvider> = {
  plan(stores, { id, reason }) {
    const reasonError = checkReason(readMeta(stores).params, reason);
    if (reasonError) return reasonError;
    const provider = stores.nodeProviders.get(id);
    if (provider === undefined) return notFound(`${id} is not a node provider`);
    if (!provider.active) return conflict(`node provider ${id} is already inactive`);
    return ok(
      `Remove node provider ${quoted(provider.display_name)} (${id}). The contributors they sponsored ` +
        `(${provider.sponsored_active} active, ${provider.sponsored_suspended} suspended) stay. Reason: ${quoted(reason)}`,
    );
  },
  apply(stores, caller, now, { id, reason }) {
    const provider = stores.nodeProviders.get(id);
    if (provider === undefined) return;
    stores.nodeProviders.set(id, { ...provider, active: false, updated_at: now });
    bumpNodeProvidersVersion(stores);
    appendEvent(stores, {
      kind: 'NodeProviderRemoved',
      subject: id,
      actor: caller,
      proposal_id: undefined,
      time: now,
      detail: reason,
    });
  },
};
