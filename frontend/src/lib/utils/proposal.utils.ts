/** Pure readings of SNS ProposalData: decision status, deadline, payload bytes, our function. */
import { isAccepted, thresholdsOf } from './tally.utils.ts';
import type { ProposalStatus } from './pipeline.utils.ts';

export interface ProposalLike {
  id: [] | [{ id: bigint }];
  action: bigint;
  decided_timestamp_seconds: bigint;
  executed_timestamp_seconds: bigint;
  failed_timestamp_seconds: bigint;
  proposal_creation_timestamp_seconds: bigint;
  initial_voting_period_seconds: bigint;
  latest_tally: [] | [{ yes: bigint; no: bigint; total: bigint }];
  wait_for_quiet_state: [] | [{ current_deadline_timestamp_seconds: bigint }];
  minimum_yes_proportion_of_exercised: [] | [{ basis_points: [] | [bigint] }];
  minimum_yes_proportion_of_total: [] | [{ basis_points: [] | [bigint] }];
  proposal: [] | [{ title: string; action: [] | [object] }];
}

export const proposalId = (p: ProposalLike): bigint => p.id[0]?.id ?? -1n;

export const tallyOf = (p: ProposalLike) => p.latest_tally[0] ?? { yes: 0n, no: 0n, total: 0n };

export function statusOf(p: ProposalLike): ProposalStatus {
  if (p.decided_timestamp_seconds === 0n) return 'Open';
  if (!isAccepted(tallyOf(p), thresholdsOf(p))) return 'Rejected';
  if (p.executed_timestamp_seconds > 0n) return 'Executed';
  if (p.failed_timestamp_seconds > 0n) return 'Failed';
  return 'Adopted';
}

/** The deadline after wait-for-quiet extensions, in seconds. */
export const deadlineOf = (p: ProposalLike): bigint =>
  p.wait_for_quiet_state[0]?.current_deadline_timestamp_seconds ??
  p.proposal_creation_timestamp_seconds + p.initial_voting_period_seconds;

/** The generic function call's payload, when the proposal is one. */
export function genericPayload(p: ProposalLike): { functionId: bigint; payload: Uint8Array } | undefined {
  const action = p.proposal[0]?.action[0] as
    { ExecuteGenericNervousSystemFunction?: { function_id: bigint; payload: Uint8Array | number[] } } | undefined;
  const call = action?.ExecuteGenericNervousSystemFunction;
  return call ? { functionId: call.function_id, payload: Uint8Array.from(call.payload) } : undefined;
}

export const STATUS_TEXT: Record<ProposalStatus, string> = {
  Open: 'Open',
  Rejected: 'Rejected',
  Adopted: 'Adopted',
  Executed: 'Executed',
  Failed: 'Failed',
};

export const toHex = (bytes: Uint8Array | number[]) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
