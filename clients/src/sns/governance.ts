/**
 * SNS governance: the official client (@icp-sdk/canisters/sns, SnsGovernanceCanister) and the official
 * Candid for what it does not cover — the manage_neuron argument type, to show or measure a proposal exactly
 * as it will be sent.
 */
import { IDL } from '@icp-sdk/core/candid';

import { idlFactory } from '../declarations/sns-governance.did.ts';

export {
  SnsGovernanceCanister,
  SnsGovernanceError,
  SnsProposalDecisionStatus,
  SnsVote,
  type SnsGovernanceDid,
} from '@icp-sdk/canisters/sns';
export { idlFactory as snsGovernanceIdlFactory };

const service = idlFactory({ IDL });

/** The Candid type of manage_neuron's argument (ManageNeuron). */
export const MANAGE_NEURON_TYPE: IDL.Type = service._fields.find(([name]) => name === 'manage_neuron')![1].argTypes[0]!;
