import type { Identity } from '@icp-sdk/core/agent';
import { isLocalHost, type CanisterConnection } from '../agent/canister.ts';
import { ConfigError } from '../config/errors.ts';
import { QueueError } from '../queue/errors.ts';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A failed connection or call as one line: an unreachable network says so; anything else is `doing: why`. */
export function connectionError(error: unknown, network: string, doing: string): ConfigError {
  if (error instanceof QueueError && error.kind === 'network')
    return new ConfigError(`cannot reach the network at ${network}: ${error.message}`);
  return new ConfigError(`${doing}: ${messageOf(error)}`);
}

/** Why a fetch failed, in one line (undici puts the reason, e.g. "bad port" or ECONNREFUSED, in its cause). */
function fetchFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${messageOf(error)}${cause}`;
}

/**
 * Waits up to `ms` for something to answer HTTP at `network` (a worker started beside its local network loads its
 * model meanwhile). Nothing listening by then is a ConfigError at once, where the agent's own retries of a refused
 * port would take seconds. A status request that times out reached a server, slow rather than absent (a flooded
 * network): the connection takes it from there, as it does when no wait is asked (`ms` 0).
 */
export async function waitForNetwork(network: string, ms: number): Promise<void> {
  if (ms <= 0) return;
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await fetch(new URL('/api/v2/status', network), { signal: AbortSignal.timeout(1_000) });
      return;
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') return;
      // refused or no such port: asked again below, within the bound
      if (Date.now() >= deadline)
        throw new ConfigError(`cannot reach the network at ${network}: ${fetchFailure(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval of a bounded wait for a condition
  }
}

/** A canister client signed by `identity` (the root key is fetched on a local network); ConfigError when it fails. */
export async function connectClient<C>(
  connect: (c: CanisterConnection) => Promise<C>,
  o: { network: string; canisterId: string; identity: Identity },
): Promise<C> {
  try {
    return await connect({
      host: o.network,
      canisterId: o.canisterId,
      identity: o.identity,
      fetchRootKey: isLocalHost(o.network),
    });
  } catch (error) {
    throw connectionError(error, o.network, `cannot connect to ${o.network}`);
  }
}
