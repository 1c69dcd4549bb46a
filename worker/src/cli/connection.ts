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
 * Resolves once something answers HTTP at `network`, asking at least once and for at most `ms` (npm start's
 * restart starts its worker beside localnet, whose model then loads while localnet does). When nothing has
 * answered by then, a ConfigError says so at once: the agent's own retries of an unreachable host take seconds.
 */
export async function waitForNetwork(network: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await fetch(new URL('/api/v2/status', network), { signal: AbortSignal.timeout(Math.max(1_000, ms)) });
      return;
    } catch (error) {
      // refused (not listening yet) or timed out: asked again below, within the bound
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
