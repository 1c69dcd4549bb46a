/**
 * Which of the user's neurons can vote on a proposal, and why not. A neuron votes iff the proposal holds a
 * ballot for it (the SNS fixes ballots when the proposal is made) and the user may vote with it; a neuron
 * without a ballot is explained by its creation time or its dissolve delay at that time.
 */
export const VOTE_PERMISSION = 4; // NeuronPermissionType.Vote

export interface NeuronFacts {
  idHex: string;
  createdSeconds: bigint;
  /** Dissolve delay now, in seconds (a dissolving neuron's remaining time). */
  dissolveDelaySeconds: bigint;
  /** Permission types the user holds on this neuron. */
  permissions: number[];
  votingPower: bigint;
}

export interface BallotFacts {
  /** 0 unspecified (not yet voted), 1 yes, 2 no. */
  vote: number;
  votingPower: bigint;
}

export type Eligibility =
  | { kind: 'eligible'; neuron: NeuronFacts; votingPower: bigint }
  | { kind: 'voted'; neuron: NeuronFacts; vote: 'yes' | 'no'; votingPower: bigint }
  | { kind: 'ineligible'; neuron: NeuronFacts; reason: string };

export function describeDuration(seconds: bigint): string {
  const s = Number(seconds);
  const days = Math.floor(s / 86_400);
  if (days >= 365) return `${(days / 365.25).toFixed(1)} years`;
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = Math.floor(s / 3600);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.max(0, Math.floor(s / 60))} min`;
}

export function eligibility(
  neuron: NeuronFacts,
  ballots: ReadonlyMap<string, BallotFacts>,
  proposal: { createdSeconds: bigint; minDissolveDelaySeconds: bigint },
): Eligibility {
  const ballot = ballots.get(neuron.idHex);
  if (!neuron.permissions.includes(VOTE_PERMISSION))
    return { kind: 'ineligible', neuron, reason: 'you have no vote permission on this neuron' };
  if (ballot) {
    if (ballot.vote === 1 || ballot.vote === 2)
      return { kind: 'voted', neuron, vote: ballot.vote === 1 ? 'yes' : 'no', votingPower: ballot.votingPower };
    return { kind: 'eligible', neuron, votingPower: ballot.votingPower };
  }
  if (neuron.createdSeconds > proposal.createdSeconds)
    return { kind: 'ineligible', neuron, reason: 'created after the proposal was made' };
  if (neuron.dissolveDelaySeconds < proposal.minDissolveDelaySeconds) {
    const short = proposal.minDissolveDelaySeconds - neuron.dissolveDelaySeconds;
    return {
      kind: 'ineligible',
      neuron,
      reason: `dissolve delay ${describeDuration(neuron.dissolveDelaySeconds)} is below the minimum of ${describeDuration(proposal.minDissolveDelaySeconds)} (${describeDuration(short)} short)`,
    };
  }
  return { kind: 'ineligible', neuron, reason: 'no ballot: the neuron could not vote when the proposal was made' };
}

/** One entry per neuron id (listNeurons may page over the same neuron twice), eligible first. */
export function eligibilityOf(
  neurons: readonly NeuronFacts[],
  ballots: ReadonlyMap<string, BallotFacts>,
  proposal: { createdSeconds: bigint; minDissolveDelaySeconds: bigint },
): Eligibility[] {
  const unique = [...new Map(neurons.map((n) => [n.idHex, n])).values()];
  const order = { eligible: 0, voted: 1, ineligible: 2 } as const;
  return unique.map((n) => eligibility(n, ballots, proposal)).sort((a, b) => order[a.kind] - order[b.kind]);
}
