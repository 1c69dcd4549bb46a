import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@icp-sdk/core/agent';
import type { IDL } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';
import type { GatehouseError } from '../../../canisters/shared/domain/result.ts';
import { fromAgentError } from '../queue/agent-errors.ts';
import { fromGatehouseError } from '../queue/errors.ts';

export interface CanisterConnection {
  /** e.g. http://127.0.0.1:4943 */
  host: string;
  canisterId: string;
  identity: Identity;
  /** fetch the root key from the network (local networks only; mainnet's key is built in) */
  fetchRootKey: boolean;
}

export const isLocalHost = (host: string) => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/.test(host);

/**
 * An Actor for a Gatehouse canister over an HttpAgent signed by `c.identity` (fetching the root key on a
 * local network); throws QueueError `network` when unreachable.
 */
export async function connectActor<T>(
  idlFactory: IDL.InterfaceFactory,
  c: CanisterConnection,
): Promise<ActorSubclass<T>> {
  const canisterId = Principal.fromText(c.canisterId);
  try {
    const agent = await HttpAgent.create({ host: c.host, identity: c.identity, shouldFetchRootKey: c.fetchRootKey });
    return Actor.createActor<T>(idlFactory, { agent, canisterId });
  } catch (error) {
    throw fromAgentError(error);
  }
}

/** A call's reply; agent and transport failures become QueueError (one line). */
export async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromAgentError(error);
  }
}

/** The Ok of a call answering a Gatehouse `Result`; an Err becomes QueueError of its variant's kind. */
export async function sendResult<T>(call: () => Promise<{ Ok: T } | { Err: GatehouseError }>): Promise<T> {
  const result = await send(call);
  if ('Err' in result) throw fromGatehouseError(result.Err);
  return result.Ok;
}
