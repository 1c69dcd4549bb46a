/**
 * Where a vote stands against the SNS decision rules (rs/sns/governance proposal.rs, the same integer
 * arithmetic as our local governance): adopted at the deadline when yes > the exercised threshold of the
 * votes cast AND yes >= the total threshold of all voting power; decided early once yes (or no) holds the
 * exercised threshold of ALL voting power.
 */
import { groupDigits } from './format.utils.ts';

export interface TallyFigures {
  yes: bigint;
  no: bigint;
  total: bigint;
}

export interface Thresholds {
  /** Basis points of votes cast yes must exceed: 5000 normal, 6700 critical. */
  exercisedBp: bigint;
  /** Basis points of all voting power yes must reach: 300 normal, 2000 critical. */
  totalBp: bigint;
}

export const NORMAL: Thresholds = { exercisedBp: 5000n, totalBp: 300n };
export const CRITICAL: Thresholds = { exercisedBp: 6700n, totalBp: 2000n };

export type Leaning = 'adopted' | 'rejected' | 'undecided';

export interface TallyView {
  /** Shares of ALL voting power, 0..100, for the bar. */
  yesPercent: number;
  noPercent: number;
  /** Where the bar's markers go: exercised majority measured on all power, and the participation quorum. */
  majorityMarkerPercent: number;
  quorumMarkerPercent: number;
  /** Outcome if voting stopped now (at the deadline). */
  atDeadline: Leaning;
  /** Decided before the deadline: the outcome cannot change any more. */
  early: Leaning;
  /** More yes voting power the proposal needs to pass at the deadline (0 when it already would). */
  yesNeededAtDeadline: bigint;
  /** More yes voting power to be adopted at once (absolute majority of all power); 0 when already. */
  yesNeededNow: bigint;
}

const percent = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole) / 100);

function majority(yes: bigint, no: bigint, total: bigint, bp: bigint): Leaning {
  const noBp = bp >= 10_000n ? 0n : 10_000n - bp;
  if (yes * 10_000n > total * bp) return 'adopted';
  if (no * 10_000n >= total * noBp) return 'rejected';
  return 'undecided';
}

export function isAccepted(t: TallyFigures, th: Thresholds): boolean {
  return majority(t.yes, t.no, t.yes + t.no, th.exercisedBp) === 'adopted' && t.yes * 10_000n >= t.total * th.totalBp;
}

/** Smallest y with y * 10000 > (y + no) * bp, i.e. y > no * bp / (10000 - bp). */
function yesForMajorityOf(no: bigint, bp: bigint): bigint {
  return (no * bp) / (10_000n - bp) + 1n;
}

/** Smallest y with y * 10000 >= total * bp. */
const ceilShare = (total: bigint, bp: bigint) => (total * bp + 9_999n) / 10_000n;

const atLeastZero = (n: bigint) => (n > 0n ? n : 0n);

export function tallyView(t: TallyFigures, th: Thresholds): TallyView {
  const yesForDeadline = [yesForMajorityOf(t.no, th.exercisedBp), ceilShare(t.total, th.totalBp)].reduce((a, b) =>
    a > b ? a : b,
  );
  // Early adoption: yes * 10000 > total * bp.
  const yesForNow = (t.total * th.exercisedBp) / 10_000n + 1n;
  const early = majority(t.yes, t.no, t.total, th.exercisedBp);
  return {
    yesPercent: percent(t.yes, t.total),
    noPercent: percent(t.no, t.total),
    majorityMarkerPercent: Number(th.exercisedBp) / 100,
    quorumMarkerPercent: Number(th.totalBp) / 100,
    atDeadline: isAccepted(t, th) ? 'adopted' : 'rejected',
    early,
    yesNeededAtDeadline: atLeastZero(yesForDeadline - t.yes),
    yesNeededNow: early === 'rejected' ? 0n : atLeastZero(yesForNow - t.yes),
  };
}

/** Thresholds from a proposal's Percentage fields (absent: the normal rules). */
export function thresholdsOf(p: {
  minimum_yes_proportion_of_exercised: [] | [{ basis_points: [] | [bigint] }];
  minimum_yes_proportion_of_total: [] | [{ basis_points: [] | [bigint] }];
}): Thresholds {
  return {
    exercisedBp: p.minimum_yes_proportion_of_exercised[0]?.basis_points[0] ?? NORMAL.exercisedBp,
    totalBp: p.minimum_yes_proportion_of_total[0]?.basis_points[0] ?? NORMAL.totalBp,
  };
}

/** Voting power (e8s-scaled like stakes) as whole tokens with grouping: 123,456.78. */
export function formatPower(e8s: bigint): string {
  const whole = e8s / 100_000_000n;
  const cents = (e8s % 100_000_000n) / 1_000_000n;
  return `${groupDigits(whole)}${cents > 0n ? `.${cents.toString().padStart(2, '0')}` : ''}`;
}
