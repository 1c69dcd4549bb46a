import { describe, expect, it } from 'vitest';

import { CRITICAL, formatPower, isAccepted, NORMAL, tallyView, thresholdsOf } from './tally.utils.ts';

describe('tallyView', () => {
  it('a 45 % yes of all power is not decided early and needs 5 % + 1 more to be adopted at once', () => {
    const v = tallyView({ yes: 45n, no: 0n, total: 100n }, NORMAL);
    expect(v.early).toBe('undecided');
    expect(v.yesNeededNow).toBe(6n); // 51 > 50
    expect(v.atDeadline).toBe('adopted');
    expect(v.yesNeededAtDeadline).toBe(0n);
    expect(v.yesPercent).toBe(45);
  });

  it('adopts early strictly above half of all voting power', () => {
    expect(tallyView({ yes: 50n, no: 0n, total: 100n }, NORMAL).early).toBe('undecided');
    expect(tallyView({ yes: 51n, no: 0n, total: 100n }, NORMAL).early).toBe('adopted');
    expect(tallyView({ yes: 0n, no: 50n, total: 100n }, NORMAL).early).toBe('rejected');
  });

  it('needs yes > no (votes cast) and 3 % of the total at the deadline', () => {
    const tie = tallyView({ yes: 10n, no: 10n, total: 100n }, NORMAL);
    expect(tie.atDeadline).toBe('rejected');
    expect(tie.yesNeededAtDeadline).toBe(1n);
    const low = tallyView({ yes: 2n, no: 0n, total: 100n }, NORMAL);
    expect(low.atDeadline).toBe('rejected');
    expect(low.yesNeededAtDeadline).toBe(1n);
  });

  it('critical proposals need 67 % of votes cast and 20 % of all power', () => {
    expect(isAccepted({ yes: 66n, no: 34n, total: 1000n }, CRITICAL)).toBe(false);
    expect(isAccepted({ yes: 200n, no: 98n, total: 1000n }, CRITICAL)).toBe(true);
    const v = tallyView({ yes: 100n, no: 0n, total: 1000n }, CRITICAL);
    expect(v.yesNeededAtDeadline).toBe(100n);
    expect(v.majorityMarkerPercent).toBe(67);
    expect(v.quorumMarkerPercent).toBe(20);
  });

  it('reads thresholds from the proposal, defaulting to the normal rules', () => {
    expect(thresholdsOf({ minimum_yes_proportion_of_exercised: [], minimum_yes_proportion_of_total: [] })).toEqual(
      NORMAL,
    );
    expect(
      thresholdsOf({
        minimum_yes_proportion_of_exercised: [{ basis_points: [6700n] }],
        minimum_yes_proportion_of_total: [{ basis_points: [2000n] }],
      }),
    ).toEqual(CRITICAL);
  });

  it('formats voting power as tokens', () => {
    expect(formatPower(350_000n * 100_000_000n)).toBe('350,000');
    expect(formatPower(150_000_000n)).toBe('1.50');
  });
});
