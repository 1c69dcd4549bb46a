// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ProposalData } from '../lib/api/governance.api.ts';
import type { Ctx } from '../lib/services/context.ts';
import { loadProposals } from '../lib/services/proposals.services.ts';
import { PROPOSAL } from '../lib/utils/proposal.fixture.ts';
import { ProposalsPage } from './proposals-page.tsx';

vi.mock('../lib/services/proposals.services.ts', async (original) => ({
  ...(await original<object>()),
  loadProposals: vi.fn(),
}));
const ctx = { config: { network: 'local', canisters: {} }, signedIn: true } as unknown as Ctx;
vi.mock('../lib/state/session.tsx', () => ({ useSession: () => ({ ctx }) }));

const proposal = (id: bigint) =>
  ({ ...PROPOSAL, id: [{ id }], proposal: [{ ...PROPOSAL.proposal[0]!, title: `P${id}` }] }) as unknown as ProposalData;
const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`);

beforeEach(() => vi.clearAllMocks());
afterEach(cleanup);

describe('ProposalsPage', () => {
  it('pages on with "needs my vote" when the latest page holds nothing for the user, until the last page', async () => {
    vi.mocked(loadProposals).mockImplementation(async (_ctx, f, before) => {
      if (!f.needsMyVote) return { items: [proposal(45n)], next: 25n };
      return before === undefined ? { items: [], next: 25n } : { items: [proposal(7n)], next: undefined };
    });
    render(<ProposalsPage query={new URLSearchParams()} />);
    await screen.findByText('P45');
    fireEvent.click(tid('filter-needs-my-vote')!);
    expect((await screen.findByText(/Nothing needs your vote among the latest/)).tagName).toBe('P');
    fireEvent.click(screen.getByRole('button', { name: 'Look at older proposals' }));
    expect((await screen.findByText('P7')).tagName).toBe('STRONG');
    expect(vi.mocked(loadProposals)).toHaveBeenLastCalledWith(ctx, expect.objectContaining({ needsMyVote: true }), 25n);
    expect(tid('load-more')).toBeNull();
  });

  it('shows a proposal once when the refreshed first page and an older page both hold it', async () => {
    vi.mocked(loadProposals).mockImplementation(async (_ctx, _f, before) =>
      before === undefined ? { items: [proposal(3n)], next: 3n } : { items: [proposal(3n), proposal(2n)] },
    );
    render(<ProposalsPage query={new URLSearchParams()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByText('P2');
    expect(document.querySelectorAll('[data-tid="proposal-3"]')).toHaveLength(1);
  });
});
