import type { PrincipalText } from '../../shared/domain/principal.ts';
import { describeError, type Result } from '../../shared/domain/result.ts';
import { metaCell, readMeta, type RegistryStores } from './stores.ts';

/** What invitation.apply_node_providers takes: every active node provider, and the version it is. */
export interface NodeProviderSet {
  version: bigint;
  node_providers: PrincipalText[];
}

/** Sends the set; the answer is the version the invitation holds now. A thrown error is a failed call. */
export type SendNodeProviders = (set: NodeProviderSet) => Promise<Result<bigint>>;

/** The set is sent again this long after the last delivery even when unchanged: a reinstalled invitation has none. */
export const NODE_PROVIDERS_REFRESH_NS = 3_600_000_000_000n;

/** Called wherever the active node-provider set may change; the next push carries the new version. */
export function bumpNodeProvidersVersion(stores: RegistryStores): void {
  const meta = readMeta(stores);
  metaCell(stores).set({ ...meta, node_providers_version: (meta.node_providers_version ?? 0n) + 1n });
}

/** Whether the invitation may hold another version than ours, or has not heard from us for a while. */
export function nodeProvidersPushDue(stores: RegistryStores, now: bigint): boolean {
  const { node_providers_version: version = 0n, node_providers_pushed: pushed } = readMeta(stores);
  return pushed === undefined || pushed.version !== version || now - pushed.at >= NODE_PROVIDERS_REFRESH_NS;
}

export function activeNodeProviders(stores: RegistryStores): PrincipalText[] {
  return stores.nodeProviders
    .entries()
    .filter(([, provider]) => provider.active)
    .map(([id]) => id);
}

/**
 * Pushes the whole active set, never a diff: the invitation replaces what it holds, so one delivered push
 * repairs any number of lost ones, and requests between two canisters arrive in the order they were sent.
 * The invitation only uses the set to refuse strangers before any call; the registry stays the authority.
 * Returns why the push failed, or undefined when the invitation now holds the version sent.
 */
export async function pushNodeProviders(
  stores: RegistryStores,
  send: SendNodeProviders,
  now: bigint,
): Promise<string | undefined> {
  const version = readMeta(stores).node_providers_version ?? 0n;
  let reply: Result<bigint>;
  try {
    reply = await send({ version, node_providers: activeNodeProviders(stores) });
  } catch (error) {
    return `apply_node_providers call failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if ('Err' in reply) return `apply_node_providers refused: ${describeError(reply.Err)}`;
  metaCell(stores).set({ ...readMeta(stores), node_providers_pushed: { version: reply.Ok, at: now } });
  return undefined;
}
