/**
 * Gatehouse proposals as the official SNS governance Candid values: ExecuteGenericNervousSystemFunction of
 * a manifest function, AddGenericNervousSystemFunction to register one, and ManageNeuron with a MakeProposal
 * command to submit them (SnsGovernanceCanister has no makeProposal helper).
 */
import type { SnsGovernanceCanister, SnsGovernanceDid } from '@icp-sdk/canisters/sns';
import type { Principal } from '@icp-sdk/core/principal';

import type { GatehouseCanister, GenericFunctionSpec } from './generic-functions.ts';

export interface ProposalText {
  title: string;
  summary: string;
  url: string;
}

export function executeAction(fn: GenericFunctionSpec, payload: Uint8Array): SnsGovernanceDid.Action {
  return { ExecuteGenericNervousSystemFunction: { function_id: fn.id, payload } };
}

/** The NervousSystemFunction record a manifest entry registers as. */
export function nervousSystemFunction(
  fn: GenericFunctionSpec,
  ids: Record<GatehouseCanister, Principal>,
): SnsGovernanceDid.NervousSystemFunction {
  return {
    id: fn.id,
    name: fn.name,
    description: [fn.description],
    function_type: [
      {
        GenericNervousSystemFunction: {
          topic: [{ [fn.topic]: null } as SnsGovernanceDid.Topic],
          target_canister_id: [ids[fn.target.canister]],
          target_method_name: [fn.target.method],
          validator_canister_id: [ids[fn.validator.canister]],
          validator_method_name: [fn.validator.method],
        },
      },
    ],
  };
}

export function addFunctionAction(
  fn: GenericFunctionSpec,
  ids: Record<GatehouseCanister, Principal>,
): SnsGovernanceDid.Action {
  return { AddGenericNervousSystemFunction: nervousSystemFunction(fn, ids) };
}

export function makeProposalRequest(
  neuron: Uint8Array,
  text: ProposalText,
  action: SnsGovernanceDid.Action,
): SnsGovernanceDid.ManageNeuron {
  return { subaccount: neuron, command: [{ MakeProposal: { ...text, action: [action] } }] };
}

/** The proposal id from manage_neuron's answer (SnsGovernanceCanister already threw on an Error). */
export function proposalIdOf(response: SnsGovernanceDid.ManageNeuronResponse): bigint {
  const command = response.command[0];
  const id = command && 'MakeProposal' in command ? command.MakeProposal.proposal_id[0]?.id : undefined;
  if (id === undefined) throw new Error('governance answered MakeProposal without a proposal id');
  return id;
}

/** Submits a proposal with the neuron (id = subaccount); answers its id. Governance errors are thrown by SnsGovernanceCanister. */
export async function makeProposal(
  governance: Pick<SnsGovernanceCanister, 'manageNeuron'>,
  o: { neuronId: Uint8Array; text: ProposalText; action: SnsGovernanceDid.Action },
): Promise<bigint> {
  return proposalIdOf(await governance.manageNeuron(makeProposalRequest(o.neuronId, o.text, o.action)));
}
