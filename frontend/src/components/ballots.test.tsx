// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { Ballots, BALLOTS_PAGE } from './ballots.tsx';

afterEach(cleanup);
const E8S = 100_000_000n;
const id = (i: number) => i.toString(16).padStart(64, '0');
const tid = (t: string) => document.querySelector<HTMLElement>(`[data-tid="${t}"]`);

// 30 ballots: neuron 1 voted yes with the most power, neuron 2 no, the rest not yet; neuron 29 is the user's.
const BALLOTS: Array<[string, { vote: number; voting_power: bigint; cast_timestamp_seconds: bigint }]> = Array.from(
  { length: 30 },
  (_, i) => [
    id(i),
    {
      vote: i === 1 ? 1 : i === 2 ? 2 : 0,
      voting_power: (i === 1 ? 1000n : 10n + BigInt(i)) * E8S,
      cast_timestamp_seconds: i === 1 || i === 2 ? 1_700_000_000n : 0n,
    },
  ],
);

describe('Ballots', () => {
  it('counts yes, no and not yet voted with their voting power', () => {
    render(<Ballots ballots={BALLOTS} mine={[]} />);
    expect(tid('ballots-yes')?.textContent).toBe('Yes 1 neuron · 1,000 voting power');
    expect(tid('ballots-no')?.textContent).toBe('No 1 neuron · 12 voting power');
    expect(tid('ballots-none')?.textContent).toMatch(/^Not yet voted 28 neurons · /);
  });

  it("lists the user's neuron first and marked, then by voting power, a page at a time", () => {
    render(<Ballots ballots={BALLOTS} mine={[id(29)]} />);
    const rows = () => [...document.querySelectorAll('[data-tid="ballot-list"] tbody tr')];
    expect(rows()).toHaveLength(BALLOTS_PAGE);
    expect(rows()[0]!.getAttribute('data-tid')).toBe(`ballot-${id(29)}`);
    expect(rows()[0]!.textContent).toContain('yours');
    expect(rows()[1]!.textContent).toMatch(/yes1,000/);
    expect(rows()[1]!.textContent).toContain(new Date(1_700_000_000_000).toLocaleString());
    expect(rows()[1]!.querySelector('code')?.getAttribute('title')).toBe(id(1));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(rows()).toHaveLength(30 - BALLOTS_PAGE);
    expect(screen.getByText('page 2 of 2')).toBeTruthy();
  });

  it('filters by vote, back on the first page', () => {
    render(<Ballots ballots={BALLOTS} mine={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.change(tid('ballots-filter')!, { target: { value: 'no' } });
    const rows = document.querySelectorAll('[data-tid="ballot-list"] tbody tr');
    expect([...rows].map((r) => r.getAttribute('data-tid'))).toEqual([`ballot-${id(2)}`]);
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
  });

  it('says so when the proposal has no ballots', () => {
    render(<Ballots ballots={[]} mine={[]} />);
    expect(tid('empty')?.textContent).toMatch(/No ballots/);
  });
});
