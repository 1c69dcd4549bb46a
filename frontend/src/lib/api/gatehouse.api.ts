/** The Gatehouse canisters through clients/ (the only module creating their clients). */
import { InvitationCanister, LlmCanister, QueueCanister, RegistryCanister } from '@gatehouse/clients';
import type { Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

import type { AppConfig } from '../config.ts';
import { agentFor } from './agent.api.ts';

export async function registry(config: AppConfig, identity: Identity): Promise<RegistryCanister> {
  return RegistryCanister.create({
    agent: await agentFor(config, identity),
    canisterId: Principal.fromText(config.canisters.registry),
  });
}

export async function invitation(config: AppConfig, identity: Identity): Promise<InvitationCanister> {
  return InvitationCanister.create({
    agent: await agentFor(config, identity),
    canisterId: Principal.fromText(config.canisters.invitation),
  });
}

export async function queue(config: AppConfig, identity: Identity): Promise<QueueCanister> {
  return QueueCanister.create({
    agent: await agentFor(config, identity),
    canisterId: Principal.fromText(config.canisters.queue),
  });
}

/** The llm canister, when the deployment has one (its id is optional in the config). */
export async function llm(config: AppConfig, identity: Identity): Promise<LlmCanister | undefined> {
  if (config.canisters.llm === undefined) return undefined;
  return LlmCanister.create({
    agent: await agentFor(config, identity),
    canisterId: Principal.fromText(config.canisters.llm),
  });
}
