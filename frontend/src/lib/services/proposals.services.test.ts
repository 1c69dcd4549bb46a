import { AnonymousIdentity } from '@icp-sdk/core/agent';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { listFunctions, listNeurons, listProposals, type ProposalData } from '../api/governance.api.ts';
import { PROPOSAL } from '../utils/proposal.fixture.ts';
import type { Ctx } from './context.ts';
import { loadProposals, MAX_SCANNED_PAGES, PAGE_SIZE } from './proposals.services.ts';

// The api layer is the unit boundary: SNS governance answers pages of open proposals, newest first.
vi.mock('../api/governance.api.ts', () => ({ listProposals: vi.fn(), listNeurons: vi.fn(), listFunctions: vi.fn() }));
const ctx: Ctx = { config: {} as Ctx['config'], identity: new AnonymousIdentity(), signedIn: true };
const MINE = 'ab'.repeat(32);
const NEEDS = { needsMyVote: true, oursOnly: false, status: 'all' } as const;

/** Proposal `id` of function `action` (1000: ours) with the user's neuron's ballot: 0 = not voted yet, 1 = yes. */
const proposal = (id: bigint, vote: number, action = 1000n) =>
  ({
    ...PROPOSAL,
    id: [{ id }],
    action,
    ballots: [[MINE, { vote, voting_power: 1n, cast_timestamp_seconds: 0n }]],
  }) as unknown as ProposalData;

/** `count` open proposals from `newest` down, every `every`-th still waiting for the user's vote. */
function serve(newest: bigint, count: number, every: number) {
  const all = Array.from({ length: count }, (_, i) => proposal(newest - BigInt(i), i % every === 0 ? 0 : 1));
  vi.mocked(listProposals).mockImplementation(async (_c, _i, o) =>
    all.filter((p) => o.before === undefined || p.id[0]!.id < o.before).slice(0, o.limit),
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(listNeurons).mockResolvedValue([{ id: [{ id: Uint8Array.from(Array(32).fill(0xab)) }] }] as never);
  vi.mocked(listFunctions).mockResolvedValue([]);
});

describe('loadProposals, "needs my vote"', () => {
  it('loads older pages itself until it has a page’s worth, and says where to go on', async () => {
    serve(1000n, 200, 4); // one in four needs the vote: 20 of them take four server pages
    const page = await loadProposals(ctx, NEEDS);
    expect(page.items).toHaveLength(PAGE_SIZE);
    expect(page.items.every((p) => p.ballots[0]![1].vote === 0)).toBe(true);
    expect(vi.mocked(listProposals)).toHaveBeenCalledTimes(4);
    expect(page.next).toBe(1000n - 79n);
    const after = await loadProposals(ctx, NEEDS, page.next);
    expect(after.items[0]!.id[0]!.id).toBe(1000n - 80n);
  });

  it('stops at the end of the proposals with what it found', async () => {
    serve(30n, 30, 7);
    const page = await loadProposals(ctx, NEEDS);
    expect(page.items.map((p) => p.id[0]!.id)).toEqual([30n, 23n, 16n, 9n, 2n]);
    expect(page.next).toBeUndefined();
    expect(vi.mocked(listProposals)).toHaveBeenCalledTimes(2);
  });

  it('reads at most MAX_SCANNED_PAGES pages for one page of the list, then offers the rest', async () => {
    serve(10_000n, 10_000, 1000);
    const page = await loadProposals(ctx, NEEDS);
    expect(vi.mocked(listProposals)).toHaveBeenCalledTimes(MAX_SCANNED_PAGES);
    expect(page.items).toHaveLength(1);
    expect(page.next).toBe(10_000n - BigInt(MAX_SCANNED_PAGES * PAGE_SIZE) + 1n);
  });

  it('reads one page when the filter is off', async () => {
    serve(100n, 100, 1000);
    const page = await loadProposals(ctx, { ...NEEDS, needsMyVote: false });
    expect(page.items).toHaveLength(PAGE_SIZE);
    expect(vi.mocked(listProposals)).toHaveBeenCalledTimes(1);
  });
});

describe('loadProposals, "Gatehouse functions only"', () => {
  it('asks for the first page beside the function list, picks ours itself, and has governance exclude the rest after', async () => {
    let answer: (fns: Array<{ id: bigint }>) => void = () => undefined;
    vi.mocked(listFunctions).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    // 40 proposals, newest first, every other one a motion (function 1).
    const all = Array.from({ length: 40 }, (_, i) => proposal(100n - BigInt(i), 1, i % 2 ? 1n : 1000n));
    vi.mocked(listProposals).mockImplementation(async (_c, _i, o) =>
      all
        .filter((p) => (o.before === undefined || p.id[0]!.id < o.before) && !o.excludeType?.includes(p.action))
        .slice(0, o.limit),
    );
    const first = loadProposals(ctx, { needsMyVote: false, oursOnly: true, status: 'all' });
    await vi.waitFor(() => expect(vi.mocked(listProposals)).toHaveBeenCalledTimes(1));
    expect(vi.mocked(listProposals).mock.calls[0]![2].excludeType).toBeUndefined();
    answer([{ id: 1n }, { id: 1000n }]);
    const page = await first;
    expect(page.items.map((p) => p.id[0]!.id)).toEqual(Array.from({ length: 10 }, (_, i) => 100n - 2n * BigInt(i)));
    expect(page.next).toBe(81n);
    const after = await loadProposals(ctx, { needsMyVote: false, oursOnly: true, status: 'all' }, page.next);
    expect(vi.mocked(listProposals).mock.calls[1]![2].excludeType).toEqual([1n]);
    expect(after.items.every((p) => p.action === 1000n)).toBe(true);
    expect(after.items).toHaveLength(10);
  });
});
