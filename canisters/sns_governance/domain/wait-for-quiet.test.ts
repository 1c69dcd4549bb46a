import { describe, expect, it } from 'vitest';

import { testProposal } from './testing.ts';
import { retally, waitForQuietDeadline } from './wait-for-quiet.ts';
import { VOTE } from './types.ts';

const DAY = 86_400n;
const tally = (yes: bigint, no: bigint, total = 100n) => ({ yes, no, total, timestamp_seconds: 0n });
// created at 0, 4-day period, W = 1 day: deadline 4 days, at most 4 + 2 = 6 days
const p = testProposal({
  proposal_creation_timestamp_seconds: 0n,
  initial_voting_period_seconds: 4n * DAY,
  wait_for_quiet_deadline_increase_seconds: DAY,
  current_deadline_timestamp_seconds: 4n * DAY,
});

describe('wait-for-quiet (proposal.rs evaluate_wait_for_quiet)', () => {
  it.each([
    [
      'flip no→yes late in the period extends to now + W + (period - elapsed)/2',
      300_000n,
      tally(10n, 20n),
      tally(30n, 20n),
      300_000n + DAY + 2n * DAY - 150_000n,
    ],
    [
      'flip yes→no (tie counts as no) extends too',
      300_000n,
      tally(30n, 20n),
      tally(30n, 30n),
      300_000n + DAY + 2n * DAY - 150_000n,
    ],
    ['no flip: unchanged', 300_000n, tally(30n, 20n), tally(40n, 20n), 4n * DAY],
    [
      'flip early in the period: proposed deadline earlier than current, unchanged',
      1_000n,
      tally(0n, 1n),
      tally(2n, 1n),
      4n * DAY,
    ],
    ['flip to an absolute yes majority: decided, unchanged', 300_000n, tally(10n, 20n), tally(51n, 20n), 4n * DAY],
    ['flip to an absolute no majority: decided, unchanged', 300_000n, tally(30n, 20n), tally(30n, 50n), 4n * DAY],
    ['flip after the deadline: unchanged', 4n * DAY + 1n, tally(10n, 20n), tally(30n, 20n), 4n * DAY],
  ] as const)('%s', (_case, now, old, next, expected) => {
    expect(waitForQuietDeadline(p, now, old, next)).toBe(expected);
  });

  it('a flip past the initial period, before an extended deadline, extends by a shrinking margin', () => {
    const extended = { ...p, current_deadline_timestamp_seconds: 475_200n }; // 5.5 days
    // now 5.4 days: margin = W + period/2 - elapsed/2 = 1 + 2 - 2.7 days = 0.3 days
    expect(waitForQuietDeadline(extended, 466_560n, tally(10n, 20n), tally(30n, 20n))).toBe(466_560n + 25_920n);
  });

  it('repeated flips never push the deadline past initial period + 2W', () => {
    let deadline = p.current_deadline_timestamp_seconds;
    let leadingYes = false;
    for (let now = 3n * DAY; now < 7n * DAY; now += 3_600n) {
      const q = { ...p, current_deadline_timestamp_seconds: deadline };
      if (now >= deadline) break;
      const old = leadingYes ? tally(30n, 20n) : tally(20n, 30n);
      const next = leadingYes ? tally(30n, 40n) : tally(40n, 30n);
      deadline = waitForQuietDeadline(q, now, old, next);
      leadingYes = !leadingYes;
    }
    expect(deadline).toBeGreaterThan(4n * DAY);
    expect(deadline).toBeLessThanOrEqual(6n * DAY);
  });

  it('retally sums the ballots and extends the deadline on a flip', () => {
    const q = {
      ...p,
      ballots: [
        ['aa', { vote: VOTE.No, voting_power: 20n, cast_timestamp_seconds: 1n }],
        ['bb', { vote: VOTE.Yes, voting_power: 30n, cast_timestamp_seconds: 300_000n }],
        ['cc', { vote: VOTE.Unspecified, voting_power: 50n, cast_timestamp_seconds: 0n }],
      ] as typeof p.ballots,
      latest_tally: tally(0n, 20n),
    };
    const r = retally(q, 300_000n);
    expect(r.latest_tally).toEqual({ yes: 30n, no: 20n, total: 100n, timestamp_seconds: 300_000n });
    expect(r.current_deadline_timestamp_seconds).toBe(300_000n + 3n * DAY - 150_000n);
  });
});
