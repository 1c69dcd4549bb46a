/**
 * The domain's view of SNS governance state. Shapes follow the official ProposalData / Neuron
 * (rs/sns/governance), with principals as text and payloads as hex so values store as plain JSON.
 */
import type { UpgradeAction } from './upgrade.ts';

export type PrincipalText = string;

/** SNS `Vote` (int32 in Candid). */
export const VOTE = { Unspecified: 0, Yes: 1, No: 2 } as const;
export type Vote = (typeof VOTE)[keyof typeof VOTE];

/** SNS `NeuronPermissionType` values used here. */
export const PERMISSION = { SubmitProposal: 3, Vote: 4 } as const;

export const TOPICS = [
  'DaoCommunitySettings',
  'SnsFrameworkManagement',
  'DappCanisterManagement',
  'ApplicationBusinessLogic',
  'Governance',
  'TreasuryAssetManagement',
  'CriticalDappOperations',
] as const;
export type Topic = (typeof TOPICS)[number];

export interface NeuronPermission {
  principal: PrincipalText;
  permission_type: number[];
}

export interface Neuron {
  /** Hex of the neuron id bytes (the neuron's subaccount). */
  id: string;
  permissions: NeuronPermission[];
  cached_neuron_stake_e8s: bigint;
  neuron_fees_e8s: bigint;
  /** Neurons here never dissolve (no Configure command): the delay is constant. */
  dissolve_delay_seconds: bigint;
  aging_since_timestamp_seconds: bigint;
  created_timestamp_seconds: bigint;
  voting_power_percentage_multiplier: bigint;
}

export interface GenericFunction {
  id: bigint;
  name: string;
  description?: string;
  target_canister_id: PrincipalText;
  target_method_name: string;
  validator_canister_id: PrincipalText;
  validator_method_name: string;
  topic: Topic;
}

export type Action =
  | { Motion: { motion_text: string } }
  | { UpgradeSnsControlledCanister: UpgradeAction }
  | { AddGenericNervousSystemFunction: GenericFunction }
  | { RemoveGenericNervousSystemFunction: bigint }
  | { ExecuteGenericNervousSystemFunction: { function_id: bigint; payload_hex: string } };

export interface ProposalContent {
  title: string;
  summary: string;
  url: string;
  action: Action;
}

export interface Ballot {
  vote: Vote;
  voting_power: bigint;
  cast_timestamp_seconds: bigint;
}

export interface Tally {
  yes: bigint;
  no: bigint;
  total: bigint;
  timestamp_seconds: bigint;
}

export interface GovernanceErrorValue {
  error_type: number;
  error_message: string;
}

export interface ProposalData {
  id: bigint;
  /** Native action id, or the function id for ExecuteGenericNervousSystemFunction. */
  action: bigint;
  proposer: string;
  proposal: ProposalContent;
  topic: Topic;
  /** Absent only in list_proposals answers (limited_for_list_proposals). */
  payload_text_rendering?: string;
  /** Neuron id (hex) → ballot, snapshotted at creation. */
  ballots: Array<[string, Ballot]>;
  latest_tally: Tally;
  reject_cost_e8s: bigint;
  proposal_creation_timestamp_seconds: bigint;
  initial_voting_period_seconds: bigint;
  wait_for_quiet_deadline_increase_seconds: bigint;
  current_deadline_timestamp_seconds: bigint;
  minimum_yes_proportion_of_total_bp: bigint;
  minimum_yes_proportion_of_exercised_bp: bigint;
  decided_timestamp_seconds: bigint;
  executed_timestamp_seconds: bigint;
  failed_timestamp_seconds: bigint;
  failure_reason?: GovernanceErrorValue;
}
