/**
 * What the invitation canister needs to know about an SNS proposal (see ../sns-governance.ts for
 * how it is read from governance's get_proposal). Timestamps are seconds, 0 meaning "not yet".
 */
export interface ProposalView {
  id: bigint;
  /** Set when the proposal's action is ExecuteGenericNervousSystemFunction; undefined for any other action. */
  generic: { function_id: bigint; payload: Uint8Array } | undefined;
  decided_timestamp_seconds: bigint;
  executed_timestamp_seconds: bigint;
  failed_timestamp_seconds: bigint;
  failure_reason: string | undefined;
  tally: { yes: bigint; no: bigint; total: bigint } | undefined;
  minimum_yes_proportion_of_total_bp: bigint | undefined;
  minimum_yes_proportion_of_exercised_bp: bigint | undefined;
}

export type ProposalLookup = { Found: ProposalView } | { NotFound: string } | { Unavailable: string };

export type ProposalOutcome = 'Open' | 'Adopted' | 'Executed' | 'Failed' | 'Rejected';

/** SNS defaults when a proposal carries no explicit thresholds: 3 % of total, majority of votes cast. */
const DEFAULT_MIN_YES_OF_TOTAL_BP = 300n;
const DEFAULT_MIN_YES_OF_EXERCISED_BP = 5_000n;

/**
 * The SNS's own status rule: undecided -> Open; decided and accepted -> Executed/Failed/Adopted
 * (adopted but the target method has not replied yet); decided and not accepted -> Rejected.
 * Telling Adopted from Rejected needs the tally: a decided proposal is not necessarily rejected
 * just because it has not executed yet.
 */
export function proposalOutcome(view: ProposalView): ProposalOutcome {
  if (view.executed_timestamp_seconds !== 0n) return 'Executed';
  if (view.failed_timestamp_seconds !== 0n) return 'Failed';
  if (view.decided_timestamp_seconds === 0n) return 'Open';
  return isAccepted(view) ? 'Adopted' : 'Rejected';
}

export function isAccepted(view: ProposalView): boolean {
  const tally = view.tally;
  if (tally === undefined) return false;
  const ofTotal = view.minimum_yes_proportion_of_total_bp ?? DEFAULT_MIN_YES_OF_TOTAL_BP;
  const ofExercised = view.minimum_yes_proportion_of_exercised_bp ?? DEFAULT_MIN_YES_OF_EXERCISED_BP;
  const quorum = tally.yes * 10_000n >= tally.total * ofTotal;
  const majority = tally.yes * 10_000n > (tally.yes + tally.no) * ofExercised;
  return quorum && majority;
}
