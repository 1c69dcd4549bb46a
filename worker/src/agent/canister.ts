import { HttpAgent, type Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';
import type { CanisterOptions } from '@gatehouse/clients';
import { fromAgentError } from '../queue/agent-errors.ts';
import { verifyBlsSignature } from './bls-verify.ts';

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
 * What a client of @gatehouse/clients needs (`XCanister.create(options)`): an HttpAgent signed by
 * `c.identity` (fetching the root key on a local network), the canister id and the certificate check that
 * keeps the decoded root key (bls-verify.ts: the worker verifies a certificate per job); QueueError
 * `network` when the network is unreachable.
 */
export async function canisterOptions(c: CanisterConnection): Promise<CanisterOptions> {
  const canisterId = Principal.fromText(c.canisterId);
  try {
    const agent = await HttpAgent.create({ host: c.host, identity: c.identity, shouldFetchRootKey: c.fetchRootKey });
    return { agent, canisterId, blsVerify: verifyBlsSignature };
  } catch (error) {
    throw fromAgentError(error);
  }
}

/** A call's reply; canister refusals, agent and transport failures become QueueError (one line). */
export async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromAgentError(error);
  }
}
