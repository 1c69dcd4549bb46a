/**
 * A proposal's ballots (SNS ProposalData.ballots: neuron id → vote, voting power, cast time) as people read
 * them: how many neurons voted yes, no or not yet and with how much power, and the list a page at a time — a
 * mainnet proposal holds a ballot for every eligible neuron, thousands of them.
 */
export type BallotVote = 'yes' | 'no' | 'none';

export interface BallotRow {
  neuron: string;
  vote: BallotVote;
  votingPower: bigint;
  /** Seconds since epoch; undefined while not voted. */
  castSeconds: bigint | undefined;
  mine: boolean;
}

export type BallotSummary = Record<BallotVote, { count: number; power: bigint }>;

export interface BallotLike {
  vote: number;
  voting_power: bigint;
  cast_timestamp_seconds: bigint;
}

const VOTE: Record<number, BallotVote> = { 1: 'yes', 2: 'no' };

/** The user's neurons first, then by voting power (largest first), then by id so the order is stable. */
export function ballotRows(ballots: ReadonlyArray<[string, BallotLike]>, mine: ReadonlySet<string>): BallotRow[] {
  const rows = ballots.map(([neuron, b]) => ({
    neuron,
    vote: VOTE[b.vote] ?? 'none',
    votingPower: b.voting_power,
    castSeconds: b.cast_timestamp_seconds > 0n ? b.cast_timestamp_seconds : undefined,
    mine: mine.has(neuron),
  }));
  return rows.sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) ||
      (a.votingPower === b.votingPower ? a.neuron.localeCompare(b.neuron) : a.votingPower > b.votingPower ? -1 : 1),
  );
}

export function summarize(rows: readonly BallotRow[]): BallotSummary {
  const summary: BallotSummary = {
    yes: { count: 0, power: 0n },
    no: { count: 0, power: 0n },
    none: { count: 0, power: 0n },
  };
  for (const r of rows) {
    summary[r.vote].count += 1;
    summary[r.vote].power += r.votingPower;
  }
  return summary;
}

/** Page `index` (0-based, clamped into range) of `size` items, and how many pages there are (at least 1). */
export function pageOf<T>(
  items: readonly T[],
  index: number,
  size: number,
): { items: T[]; index: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, index), pages - 1);
  return { items: items.slice(at * size, (at + 1) * size), index: at, pages };
}
