import { PARAM_RANGES } from '../../registry/domain/params.ts';
import { callerIsRegistry } from '../../shared/domain/guards.ts';
import { principalProblem, type PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkCount } from '../../shared/domain/validate.ts';
import { metaCell, readConfig, type InvitationStores } from './stores.ts';

/** The registry's ceiling on node-provider records, so on the active ones it pushes. */
export const MAX_NODE_PROVIDERS = PARAM_RANGES.max_node_providers[1];

export interface NodeProviderSet {
  version: bigint;
  node_providers: PrincipalText[];
}

/**
 * apply_node_providers: the registry's whole active set replaces ours (see the registry's
 * node-provider-push.ts). It lets nominate refuse strangers before any call; the registry still
 * answers for the caller and the candidate when a node provider nominates. Answers the version held.
 */
export function applyNodeProviders(
  stores: InvitationStores,
  caller: PrincipalText,
  set: NodeProviderSet,
): Result<bigint> {
  const denied = callerIsRegistry(caller, readConfig(stores).registry);
  if (denied) return denied;
  const tooMany = checkCount('node_providers', set.node_providers.length, MAX_NODE_PROVIDERS);
  if (tooMany) return tooMany;
  const bad = set.node_providers.find((id) => principalProblem(id) !== undefined);
  if (bad !== undefined) return invalidInput(`node provider ${bad} ${principalProblem(bad)}`);
  const next = new Set(set.node_providers);
  for (const [id] of stores.nodeProviders.entries()) if (!next.has(id)) stores.nodeProviders.delete(id);
  for (const id of next) if (!stores.nodeProviders.has(id)) stores.nodeProviders.set(id, null);
  metaCell(stores).set({ ...metaCell(stores).get(), node_providers_version: set.version });
  return ok(set.version);
}

/** Whether the registry last told us `principal` is an active node provider. */
export const knownNodeProvider = (stores: InvitationStores, principal: PrincipalText): boolean =>
  stores.nodeProviders.has(principal);
