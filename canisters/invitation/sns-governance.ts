/**
 * A SUBSET of SNS governance's Candid (official: @icp-sdk/canisters declarations/sns/governance.did),
 * just get_proposal and the fields we read. Why a subset: Candid decoding ignores record fields the
 * receiver does not declare, so this keeps working as governance adds fields, and it keeps dozens of
 * unrelated types out of our bundle. `Proposal.action` stays `opt Action` as in the official type:
 * an action this subset does not list (Motion, …) then decodes as null instead of failing the call.
 */
import type { Idl } from '../shared/idl.ts';
import type { ProposalLookup, ProposalView } from './domain/proposal.ts';

export function snsGovernanceTypes(IDL: Idl) {
  const ProposalId = IDL.Record({ id: IDL.Nat64 });
  const GovernanceError = IDL.Record({ error_message: IDL.Text, error_type: IDL.Int32 });
  const Percentage = IDL.Record({ basis_points: IDL.Opt(IDL.Nat64) });
  const Tally = IDL.Record({ yes: IDL.Nat64, no: IDL.Nat64, total: IDL.Nat64 });
  const ExecuteGenericNervousSystemFunction = IDL.Record({ function_id: IDL.Nat64, payload: IDL.Vec(IDL.Nat8) });
  const Action = IDL.Variant({ ExecuteGenericNervousSystemFunction });
  const Proposal = IDL.Record({ action: IDL.Opt(Action) });
  const ProposalData = IDL.Record({
    id: IDL.Opt(ProposalId),
    /** The action's id; for a generic function it is the function id. */
    action: IDL.Nat64,
    proposal: IDL.Opt(Proposal),
    decided_timestamp_seconds: IDL.Nat64,
    executed_timestamp_seconds: IDL.Nat64,
    failed_timestamp_seconds: IDL.Nat64,
    failure_reason: IDL.Opt(GovernanceError),
    latest_tally: IDL.Opt(Tally),
    minimum_yes_proportion_of_total: IDL.Opt(Percentage),
    minimum_yes_proportion_of_exercised: IDL.Opt(Percentage),
  });
  const GetProposal = IDL.Record({ proposal_id: IDL.Opt(ProposalId) });
  const GetProposalResponse = IDL.Record({
    result: IDL.Opt(IDL.Variant({ Error: GovernanceError, Proposal: ProposalData })),
  });
  return {
    GetProposal,
    GetProposalResponse,
    get_proposal: { args: [GetProposal], ret: GetProposalResponse },
  };
}

type Opt<T> = [] | [T];

interface GovernanceErrorValue {
  error_message: string;
  error_type: number;
}

export interface ProposalDataValue {
  id: Opt<{ id: bigint }>;
  action: bigint;
  proposal: Opt<{
    action: Opt<{ ExecuteGenericNervousSystemFunction: { function_id: bigint; payload: Uint8Array | number[] } }>;
  }>;
  decided_timestamp_seconds: bigint;
  executed_timestamp_seconds: bigint;
  failed_timestamp_seconds: bigint;
  failure_reason: Opt<GovernanceErrorValue>;
  latest_tally: Opt<{ yes: bigint; no: bigint; total: bigint }>;
  minimum_yes_proportion_of_total: Opt<{ basis_points: Opt<bigint> }>;
  minimum_yes_proportion_of_exercised: Opt<{ basis_points: Opt<bigint> }>;
}

export interface GetProposalResponseValue {
  result: Opt<{ Error: GovernanceErrorValue } | { Proposal: ProposalDataValue }>;
}

export const getProposalArgs = (proposalId: bigint) => ({ proposal_id: [{ id: proposalId }] as Opt<{ id: bigint }> });

/** Reduces governance's answer to the domain's view. */
export function toProposalLookup(requested: bigint, response: GetProposalResponseValue): ProposalLookup {
  const result = response.result[0];
  if (result === undefined) return { NotFound: `governance has no proposal ${requested}` };
  if ('Error' in result) return { NotFound: result.Error.error_message };
  return { Found: toProposalView(requested, result.Proposal) };
}

function toProposalView(requested: bigint, data: ProposalDataValue): ProposalView {
  const action = data.proposal[0]?.action[0];
  const generic = action?.ExecuteGenericNervousSystemFunction;
  const bp = (p: Opt<{ basis_points: Opt<bigint> }>) => p[0]?.basis_points[0];
  return {
    id: data.id[0]?.id ?? requested,
    generic: generic && { function_id: generic.function_id, payload: Uint8Array.from(generic.payload) },
    decided_timestamp_seconds: data.decided_timestamp_seconds,
    executed_timestamp_seconds: data.executed_timestamp_seconds,
    failed_timestamp_seconds: data.failed_timestamp_seconds,
    failure_reason: data.failure_reason[0]?.error_message,
    tally: data.latest_tally[0],
    minimum_yes_proportion_of_total_bp: bp(data.minimum_yes_proportion_of_total),
    minimum_yes_proportion_of_exercised_bp: bp(data.minimum_yes_proportion_of_exercised),
  };
}
