/**
 * One HttpAgent per identity; on a local network it trusts the network's root key (fetched once). Canister
 * clients are made once per agent too: each builds its actors from the canister's whole Candid interface (the
 * SNS governance client two of them, 45 ms of a cold load's CPU profile at load 7), which a page calling it
 * three times paid three times.
 */
import { AnonymousIdentity, HttpAgent, type Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

import type { AppConfig } from '../config.ts';

const agents = new Map<string, Promise<HttpAgent>>();
const clients = new WeakMap<HttpAgent, Map<string, unknown>>();

export function agentFor(config: AppConfig, identity: Identity): Promise<HttpAgent> {
  const key = identity.getPrincipal().toText();
  let agent = agents.get(key);
  if (!agent) {
    agent = HttpAgent.create({ host: config.host, identity, shouldFetchRootKey: config.network === 'local' });
    agent.catch(() => agents.delete(key));
    agents.set(key, agent);
  }
  return agent;
}

/** The client `name` of the identity's agent, made by `create` on first use. */
export async function clientFor<T>(
  config: AppConfig,
  identity: Identity,
  name: string,
  create: (agent: HttpAgent) => T,
): Promise<T> {
  const agent = await agentFor(config, identity);
  let made = clients.get(agent);
  if (!made) clients.set(agent, (made = new Map()));
  if (!made.has(name)) made.set(name, create(agent));
  return made.get(name) as T;
}

/**
 * Starts, while React renders the first page, what that page's first query waits for: the anonymous agent (the
 * root key on a local network) and SNS governance's subnet node keys, which the agent reads through read_state and
 * whose certificate it checks with BLS — the longest step of a cold load. The agent keeps the keys (IndexedDB,
 * 5 min) for every agent of this host, so the page's calls, and a restored session's, find them done or in flight.
 * A failure here is reported by the page's own call.
 */
export function warmUp(config: AppConfig): void {
  agentFor(config, new AnonymousIdentity())
    .then((agent) => agent.fetchSubnetKeys(Principal.fromText(config.canisters.sns_governance)))
    .catch(() => undefined);
}
