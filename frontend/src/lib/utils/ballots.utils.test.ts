import { describe, expect, it } from 'vitest';

import { ballotRows, pageOf, summarize } from './ballots.utils.ts';

const ballot = (vote: number, power: bigint, cast = 0n) => ({
  vote,
  voting_power: power,
  cast_timestamp_seconds: cast,
});

describe('ballotRows', () => {
  const rows = ballotRows(
    [
      ['aa', ballot(0, 5n)],
      ['bb', ballot(1, 40n, 1_700n)],
      ['cc', ballot(2, 10n, 1_800n)],
      ['dd', ballot(0, 40n)],
      ['ee', ballot(1, 1n, 1_900n)],
    ],
    new Set(['ee']),
  );

  it("reads votes and cast times, 'none' and no time while not voted", () => {
    expect(rows.find((r) => r.neuron === 'bb')).toEqual({
      neuron: 'bb',
      vote: 'yes',
      votingPower: 40n,
      castSeconds: 1_700n,
      mine: false,
    });
    expect(rows.find((r) => r.neuron === 'aa')).toMatchObject({ vote: 'none', castSeconds: undefined });
    expect(rows.find((r) => r.neuron === 'cc')?.vote).toBe('no');
  });

  it("puts the user's neurons first, then the largest voting power, ties by id", () => {
    expect(rows.map((r) => r.neuron)).toEqual(['ee', 'bb', 'dd', 'cc', 'aa']);
    expect(rows[0]!.mine).toBe(true);
  });

  it('counts each vote with its voting power', () => {
    expect(summarize(rows)).toEqual({
      yes: { count: 2, power: 41n },
      no: { count: 1, power: 10n },
      none: { count: 2, power: 45n },
    });
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 55 }, (_, i) => i);

  it('slices a page and counts the pages', () => {
    expect(pageOf(items, 1, 25)).toEqual({ items: items.slice(25, 50), index: 1, pages: 3 });
    expect(pageOf(items, 2, 25).items).toEqual([50, 51, 52, 53, 54]);
  });

  it('clamps an index out of range (the list shrank under a filter) and has one page when empty', () => {
    expect(pageOf(items, 9, 25).index).toBe(2);
    expect(pageOf(items, -1, 25).index).toBe(0);
    expect(pageOf([], 0, 25)).toEqual({ items: [], index: 0, pages: 1 });
  });
});
