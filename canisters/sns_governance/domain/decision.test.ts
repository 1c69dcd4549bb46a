import { describe, expect, it } from 'vitest';

import { thresholds } from './criticality.ts';
import { canMakeDecision, earlyDecision, isAccepted } from './decision.ts';
import { testProposal } from './testing.ts';
import { VOTE } from './types.ts';

const NORMAL = thresholds(false);
const CRITICAL = thresholds(true);
const tally = (yes: bigint, no: bigint, total: bigint) => ({ yes, no, total, timestamp_seconds: 0n });

describe('decision rules (proposal.rs majority_decision / early_decision / is_accepted)', () => {
  // [case, rules, yes, no, total, early decision, accepted when decided]
  const table: Array<[string, typeof NORMAL, bigint, bigint, bigint, number, boolean]> = [
    ['normal: early adoption, yes > 50 % of all voting power', NORMAL, 51n, 0n, 100n, VOTE.Yes, true],
    ['normal: exactly 50 % yes is not an early adoption', NORMAL, 50n, 0n, 100n, VOTE.Unspecified, true],
    ['normal: early rejection, no >= 50 % of all voting power', NORMAL, 10n, 50n, 100n, VOTE.No, false],
    ['normal: 50/50 split of everything is an early rejection (tie)', NORMAL, 50n, 50n, 100n, VOTE.No, false],
    ['normal: deadline tie among votes cast is rejected', NORMAL, 40n, 40n, 100n, VOTE.Unspecified, false],
    ['normal: deadline, yes just below 3 % of total', NORMAL, 29n, 0n, 1000n, VOTE.Unspecified, false],
    ['normal: deadline, yes exactly 3 % of total', NORMAL, 30n, 0n, 1000n, VOTE.Unspecified, true],
    ['normal: deadline, quorum met but no majority of cast', NORMAL, 30n, 31n, 1000n, VOTE.Unspecified, false],
    ['critical: deadline, yes just below 20 % of total', CRITICAL, 199n, 0n, 1000n, VOTE.Unspecified, false],
    ['critical: deadline, yes exactly 20 % of total', CRITICAL, 200n, 0n, 1000n, VOTE.Unspecified, true],
    ['critical: 60 % of cast is not enough', CRITICAL, 300n, 200n, 1000n, VOTE.Unspecified, false],
    ['critical: 67 % of everything exactly is an early rejection', CRITICAL, 670n, 330n, 1000n, VOTE.No, false],
    ['critical: above 67 % of all voting power adopts early', CRITICAL, 671n, 0n, 1000n, VOTE.Yes, true],
    ['critical: 51 % of all voting power is no early adoption', CRITICAL, 510n, 0n, 1000n, VOTE.Unspecified, true],
    ['critical: no >= 33 % of all voting power rejects early', CRITICAL, 0n, 330n, 1000n, VOTE.No, false],
  ];
  it.each(table)('%s', (_case, rules, yes, no, total, early, accepted) => {
    expect(earlyDecision(tally(yes, no, total), rules)).toBe(early);
    expect(isAccepted(tally(yes, no, total), rules)).toBe(accepted);
  });
});

describe('canMakeDecision', () => {
  const open = testProposal({ latest_tally: tally(10n, 0n, 100n), current_deadline_timestamp_seconds: 1000n });
  it.each([
    ['undecided before the deadline', open, 999n, false],
    ['at the deadline (votes accepted strictly before it)', open, 1000n, true],
    ['early majority before the deadline', { ...open, latest_tally: tally(60n, 0n, 100n) }, 10n, true],
    ['already decided', { ...open, decided_timestamp_seconds: 5n }, 2000n, false],
  ] as const)('%s', (_case, proposal, now, expected) => {
    expect(canMakeDecision(proposal, now)).toBe(expected);
  });
});
