// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { registerVote } from '../lib/api/governance.api.ts';
import type { Ctx } from '../lib/services/context.ts';
import type { Eligibility, NeuronFacts } from '../lib/utils/eligibility.utils.ts';
import { Ballots } from './ballots.tsx';
import { VotePanel } from './vote-panel.tsx';

// The api layer is the unit boundary: the vote service's handling of each neuron's answer is under test too.
vi.mock('../lib/api/governance.api.ts', () => ({ registerVote: vi.fn() }));
const ctx = { config: {}, signedIn: true } as unknown as Ctx;
const E8S = 100_000_000n;
const neuron = (idHex: string): NeuronFacts => ({
  idHex,
  createdSeconds: 0n,
  dissolveDelaySeconds: 0n,
  permissions: [4],
  votingPower: 0n,
});
const ELIGIBILITY: Eligibility[] = [
  { kind: 'eligible', neuron: neuron('aa'.repeat(16)), votingPower: 40n * E8S },
  { kind: 'eligible', neuron: neuron('bb'.repeat(16)), votingPower: 35n * E8S },
  { kind: 'eligible', neuron: neuron('cc'.repeat(16)), votingPower: 5n * E8S },
  { kind: 'voted', neuron: neuron('dd'.repeat(16)), vote: 'yes', votingPower: 1n },
  { kind: 'ineligible', neuron: neuron('ee'.repeat(16)), reason: 'created after the proposal was made' },
];
const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`)!;
const progress = (hex: string) => tid(`neuron-${hex.repeat(16)}`).querySelector('[data-tid="vote-progress"]');

beforeEach(() => vi.clearAllMocks());
afterEach(cleanup);

function renderPanel(onVoted = vi.fn()) {
  render(
    <VotePanel ctx={ctx} proposalId={9n} open eligibility={ELIGIBILITY} onVoted={onVoted} onSignIn={() => undefined} />,
  );
  return onVoted;
}

describe('VotePanel', () => {
  it('preselects every eligible neuron and lists the others with their vote or reason', () => {
    renderPanel();
    expect(tid('vote-yes').textContent).toBe('Vote yes with 3 neurons');
    expect(tid(`neuron-${'dd'.repeat(16)}`).textContent).toContain('voted yes');
    expect(tid(`neuron-${'ee'.repeat(16)}`).textContent).toContain('cannot vote: created after the proposal was made');
    expect(tid(`neuron-${'ee'.repeat(16)}`).querySelector('input')).toBeNull();
  });

  it('shows a neuron id as the ballots list does: shortened the same way, whole in its title and copy button', () => {
    const id = ELIGIBILITY[0]!.neuron.idHex;
    renderPanel();
    render(<Ballots ballots={[[id, { vote: 1, voting_power: 40n * E8S, cast_timestamp_seconds: 1n }]]} mine={[id]} />);
    const inPanel = tid(`neuron-${id}`).querySelector('code')!;
    const inBallots = tid(`ballot-${id}`).querySelector('code')!;
    expect(inPanel.textContent).toBe(inBallots.textContent);
    expect(inPanel.textContent).toMatch(/^a{11}…a{5}$/);
    expect(inPanel.title).toBe(id);
    expect(inBallots.title).toBe(id);
    expect(tid(`neuron-${id}`).querySelector(`button[aria-label="Copy ${id}"]`)).not.toBeNull();
  });

  it('votes with the selected neurons in one action, counts "already voted" as done, then refetches', async () => {
    vi.mocked(registerVote).mockImplementation(async (_c, _i, o) => {
      if (o.neuronId[0] === 0xbb) throw new Error('Neuron already voted on proposal 9');
    });
    const onVoted = renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: /cccccccc/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Vote yes with 2 neurons' }));
    await waitFor(() => expect(onVoted).toHaveBeenCalledOnce());
    expect(vi.mocked(registerVote).mock.calls.map(([, , o]) => [o.neuronId[0], o.proposalId, o.yes])).toEqual([
      [0xaa, 9n, true],
      [0xbb, 9n, true],
    ]);
    expect(progress('aa')?.textContent?.trim()).toBe('done');
    expect(progress('bb')?.textContent?.trim()).toBe('done');
    expect(progress('cc')).toBeNull();
  });

  it("shows a neuron's refusal beside it and still votes with the others", async () => {
    vi.mocked(registerVote).mockImplementation(async (_c, _i, o) => {
      if (o.neuronId[0] === 0xaa) throw new Error('Reject text: neuron is dissolving');
    });
    const onVoted = renderPanel();
    fireEvent.click(tid('vote-no'));
    await waitFor(() => expect(onVoted).toHaveBeenCalledOnce());
    expect(progress('aa')?.textContent?.trim()).toBe('failed: Refused by the canister: neuron is dissolving');
    expect(progress('cc')?.textContent?.trim()).toBe('done');
    expect(vi.mocked(registerVote).mock.calls.every(([, , o]) => o.yes === false)).toBe(true);
  });
});
