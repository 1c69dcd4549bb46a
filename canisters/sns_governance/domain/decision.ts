import { VOTE, type ProposalData, type Tally, type Vote } from './types.ts';

/**
 * Decision rules of rs/sns/governance/src/proposal.rs (impl ProposalData), in exact integer
 * arithmetic: majority_decision, early_decision, is_accepted, can_make_decision, status.
 */
export function majorityDecision(yes: bigint, no: bigint, total: bigint, requiredYesBp: bigint): Vote {
  const requiredNoBp = requiredYesBp >= 10_000n ? 0n : 10_000n - requiredYesBp;
  if (yes * 10_000n > total * requiredYesBp) return VOTE.Yes;
  if (no * 10_000n >= total * requiredNoBp) return VOTE.No;
  return VOTE.Unspecified;
}

type Rules = Pick<ProposalData, 'minimum_yes_proportion_of_total_bp' | 'minimum_yes_proportion_of_exercised_bp'>;

/** Decided before the deadline once the outcome cannot change: measured against ALL voting power. */
export function earlyDecision(tally: Tally, rules: Rules): Vote {
  return majorityDecision(tally.yes, tally.no, tally.total, rules.minimum_yes_proportion_of_exercised_bp);
}

/** Adopted: yes > the exercised threshold of votes cast, and yes >= the total threshold of all voting power. */
export function isAccepted(tally: Tally, rules: Rules): boolean {
  const majority = majorityDecision(
    tally.yes,
    tally.no,
    tally.yes + tally.no,
    rules.minimum_yes_proportion_of_exercised_bp,
  );
  const quorum = tally.yes * 10_000n >= tally.total * rules.minimum_yes_proportion_of_total_bp;
  return majority === VOTE.Yes && quorum;
}

/** Votes are accepted strictly before the (possibly extended) deadline. */
export const acceptsVote = (p: Pick<ProposalData, 'current_deadline_timestamp_seconds'>, now: bigint): boolean =>
  now < p.current_deadline_timestamp_seconds;

export function canMakeDecision(p: ProposalData, now: bigint): boolean {
  if (p.decided_timestamp_seconds > 0n) return false;
  return earlyDecision(p.latest_tally, p) !== VOTE.Unspecified || !acceptsVote(p, now);
}

/** SNS ProposalDecisionStatus. */
export const STATUS = { Unspecified: 0, Open: 1, Rejected: 2, Adopted: 3, Executed: 4, Failed: 5 } as const;

export function decisionStatus(p: ProposalData): number {
  if (p.decided_timestamp_seconds === 0n) return STATUS.Open;
  if (!isAccepted(p.latest_tally, p)) return STATUS.Rejected;
  if (p.executed_timestamp_seconds > 0n) return STATUS.Executed;
  if (p.failed_timestamp_seconds > 0n) return STATUS.Failed;
  return STATUS.Adopted;
}

/** SNS ProposalRewardStatus. No rewards are paid here: proposals are never eligible, so Settled after the deadline. */
export const REWARD_STATUS = { Unspecified: 0, AcceptVotes: 1, ReadyToSettle: 2, Settled: 3 } as const;

export const rewardStatus = (p: ProposalData, now: bigint): number =>
  acceptsVote(p, now) ? REWARD_STATUS.AcceptVotes : REWARD_STATUS.Settled;
