import type { Ballot, ProposalData, Tally } from './types.ts';
import { VOTE } from './types.ts';

/** ProposalData::recompute_tally: sums the snapshotted ballots. */
export function tallyOf(ballots: Array<[string, Ballot]>, now: bigint): Tally {
  let yes = 0n;
  let no = 0n;
  let total = 0n;
  for (const [, ballot] of ballots) {
    total += ballot.voting_power;
    if (ballot.vote === VOTE.Yes) yes += ballot.voting_power;
    else if (ballot.vote === VOTE.No) no += ballot.voting_power;
  }
  return { yes, no, total, timestamp_seconds: now };
}

const turned = (old: Tally, next: Tally) =>
  (old.yes > old.no && next.yes <= next.no) || (old.yes <= old.no && next.yes > next.no);

/**
 * ProposalData::evaluate_wait_for_quiet: when the leading side flips, move the deadline to
 * now + W + (initial_voting_period - elapsed) / 2 (never earlier than it is), so the period
 * can grow to at most initial_voting_period + 2W. Returns the new deadline.
 */
export function waitForQuietDeadline(p: ProposalData, now: bigint, old: Tally, next: Tally): bigint {
  const current = p.current_deadline_timestamp_seconds;
  const decidingYes = next.total / 2n + 1n;
  const decidingNo = (next.total + 1n) / 2n;
  if (next.yes >= decidingYes || next.no >= decidingNo || now > current) return current;
  if (!turned(old, next)) return current;
  const elapsed = now > p.proposal_creation_timestamp_seconds ? now - p.proposal_creation_timestamp_seconds : 0n;
  const grow = p.wait_for_quiet_deadline_increase_seconds + p.initial_voting_period_seconds / 2n;
  const margin = grow > elapsed / 2n ? grow - elapsed / 2n : 0n;
  const proposed = now + margin;
  return proposed > current ? proposed : current;
}

/** Recomputes the tally after a vote and applies wait-for-quiet, as recompute_tally does. */
export function retally(p: ProposalData, now: bigint): ProposalData {
  const next = tallyOf(p.ballots, now);
  const old = p.latest_tally;
  if (next.yes === old.yes && next.no === old.no && next.total === old.total) return p;
  return { ...p, latest_tally: next, current_deadline_timestamp_seconds: waitForQuietDeadline(p, now, old, next) };
}
