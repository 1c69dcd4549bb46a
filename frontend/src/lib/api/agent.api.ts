/** One HttpAgent per identity; on a local network it trusts the network's root key (fetched once). */
import { HttpAgent, type Identity } from '@icp-sdk/core/agent';

import type { AppConfig } from '../config.ts';

const agents = new Map<string, Promise<HttpAgent>>();

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
