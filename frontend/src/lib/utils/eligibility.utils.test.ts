import { describe, expect, it } from 'vitest';

import {
  eligibility,
  eligibilityOf,
  VOTE_PERMISSION,
  type BallotFacts,
  type NeuronFacts,
} from './eligibility.utils.ts';

const YEAR = 31_557_600n;
const neuron = (o: Partial<NeuronFacts> = {}): NeuronFacts => ({
  idHex: 'aa',
  createdSeconds: 100n,
  dissolveDelaySeconds: YEAR,
  permissions: [VOTE_PERMISSION],
  votingPower: 10n,
  ...o,
});
const proposal = { createdSeconds: 1000n, minDissolveDelaySeconds: YEAR / 2n };
const ballots = (entries: Array<[string, BallotFacts]>) => new Map(entries);

describe('eligibility', () => {
  it('a neuron with an open ballot is eligible with the ballot voting power', () => {
    const e = eligibility(neuron(), ballots([['aa', { vote: 0, votingPower: 42n }]]), proposal);
    expect(e).toMatchObject({ kind: 'eligible', votingPower: 42n });
  });

  it('a cast ballot counts as done', () => {
    expect(eligibility(neuron(), ballots([['aa', { vote: 2, votingPower: 1n }]]), proposal)).toMatchObject({
      kind: 'voted',
      vote: 'no',
    });
  });

  it('explains a missing ballot: created after the proposal', () => {
    const e = eligibility(neuron({ createdSeconds: 2000n }), ballots([]), proposal);
    expect(e).toMatchObject({ kind: 'ineligible', reason: 'created after the proposal was made' });
  });

  it('explains a missing ballot: dissolve delay below the minimum, with the shortfall', () => {
    const e = eligibility(neuron({ dissolveDelaySeconds: 86_400n * 30n }), ballots([]), proposal);
    expect(e.kind).toBe('ineligible');
    expect(e.kind === 'ineligible' && e.reason).toMatch(/30 days is below the minimum of 182 days \(152 days short\)/);
  });

  it('a neuron the user may not vote with is ineligible even with a ballot', () => {
    const e = eligibility(neuron({ permissions: [1, 2] }), ballots([['aa', { vote: 0, votingPower: 1n }]]), proposal);
    expect(e).toMatchObject({ kind: 'ineligible', reason: 'you have no vote permission on this neuron' });
  });

  it('lists each neuron once, eligible first', () => {
    const list = eligibilityOf(
      [neuron({ idHex: 'bb', createdSeconds: 5000n }), neuron(), neuron()],
      ballots([['aa', { vote: 0, votingPower: 1n }]]),
      proposal,
    );
    expect(list.map((e) => [e.neuron.idHex, e.kind])).toEqual([
      ['aa', 'eligible'],
      ['bb', 'ineligible'],
    ]);
  });
});
