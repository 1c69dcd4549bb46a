/** SNS governance through the official SnsGovernanceCanister (re-exported by clients/); the only module calling it. */
import {
  executeAction,
  makeProposal as submitProposal,
  SnsGovernanceCanister,
  SnsVote,
  type GenericFunctionSpec,
  type ProposalText,
  type SnsGovernanceDid,
  type SnsProposalDecisionStatus,
} from '@gatehouse/clients';
import type { Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

import type { AppConfig } from '../config.ts';
import { clientFor } from './agent.api.ts';

export type ProposalData = SnsGovernanceDid.ProposalData;
export type Neuron = SnsGovernanceDid.Neuron;
export type NervousSystemFunction = SnsGovernanceDid.NervousSystemFunction;
export type NervousSystemParameters = SnsGovernanceDid.NervousSystemParameters;

function governance(config: AppConfig, identity: Identity): Promise<SnsGovernanceCanister> {
  return clientFor(config, identity, 'sns_governance', (agent) =>
    SnsGovernanceCanister.create({ agent, canisterId: Principal.fromText(config.canisters.sns_governance) }),
  );
}

export async function listProposals(
  config: AppConfig,
  identity: Identity,
  o: { limit: number; before?: bigint; status?: SnsProposalDecisionStatus[]; excludeType?: bigint[] },
): Promise<ProposalData[]> {
  const response = await (
    await governance(config, identity)
  ).listProposals({
    limit: o.limit,
    beforeProposal: o.before === undefined ? undefined : { id: o.before },
    includeStatus: o.status,
    excludeType: o.excludeType,
    certified: false,
  });
  return response.proposals;
}

export async function getProposal(config: AppConfig, identity: Identity, id: bigint): Promise<ProposalData> {
  return (await governance(config, identity)).getProposal({ proposalId: { id }, certified: false });
}

export async function listNeurons(config: AppConfig, identity: Identity): Promise<Neuron[]> {
  return (await governance(config, identity)).listNeurons({
    principal: identity.getPrincipal(),
    limit: 100,
    certified: false,
  });
}

export async function listFunctions(config: AppConfig, identity: Identity): Promise<NervousSystemFunction[]> {
  return (await (await governance(config, identity)).listNervousSystemFunctions({ certified: false })).functions;
}

export async function parameters(config: AppConfig, identity: Identity): Promise<NervousSystemParameters> {
  return (await governance(config, identity)).nervousSystemParameters({ certified: false });
}

export async function registerVote(
  config: AppConfig,
  identity: Identity,
  o: { neuronId: Uint8Array; proposalId: bigint; yes: boolean },
): Promise<void> {
  await (
    await governance(config, identity)
  ).registerVote({
    neuronId: { id: o.neuronId },
    proposalId: { id: o.proposalId },
    vote: o.yes ? SnsVote.Yes : SnsVote.No,
  });
}

export async function makeProposal(
  config: AppConfig,
  identity: Identity,
  o: { neuronId: Uint8Array; text: ProposalText; fn: GenericFunctionSpec; payload: Uint8Array },
): Promise<bigint> {
  return submitProposal(await governance(config, identity), {
    neuronId: o.neuronId,
    text: o.text,
    action: executeAction(o.fn, o.payload),
  });
}
