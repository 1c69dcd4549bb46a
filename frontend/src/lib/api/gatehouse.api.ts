/** The Gatehouse canisters through clients/ (the only module creating their clients). */
import { InvitationCanister, LlmCanister, QueueCanister, RegistryCanister } from '@gatehouse/clients';
import type { Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

import type { AppConfig } from '../config.ts';
import { clientFor } from './agent.api.ts';

export function registry(config: AppConfig, identity: Identity): Promise<RegistryCanister> {
  return clientFor(config, identity, 'registry', (agent) =>
    RegistryCanister.create({ agent, canisterId: Principal.fromText(config.canisters.registry) }),
  );
}

export function invitation(config: AppConfig, identity: Identity): Promise<InvitationCanister> {
  return clientFor(config, identity, 'invitation', (agent) =>
    InvitationCanister.create({ agent, canisterId: Principal.fromText(config.canisters.invitation) }),
  );
}

export function queue(config: AppConfig, identity: Identity): Promise<QueueCanister> {
  return clientFor(config, identity, 'queue', (agent) =>
    QueueCanister.create({ agent, canisterId: Principal.fromText(config.canisters.queue) }),
  );
}

/** The llm canister, when the deployment has one (its id is optional in the config). */
export async function llm(config: AppConfig, identity: Identity): Promise<LlmCanister | undefined> {
  const id = config.canisters.llm;
  if (id === undefined) return undefined;
  return clientFor(config, identity, 'llm', (agent) =>
    LlmCanister.create({ agent, canisterId: Principal.fromText(id) }),
  );
}
