import { describe, expect, it } from 'vitest';

import { linkProposalFlow, nominateFlow, reconcileFlow } from './flows.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { ProposalLookup } from './proposal.ts';
import { stats } from './queries.ts';
import { decideReconciliation, type ReconcileAction } from './reconcile.ts';
import { findNomination, openCount } from './stores.ts';
import {
  admitProposal,
  candidate,
  expectedMatrix,
  nominateInput,
  roleMatrix,
  ROLES,
  SECOND,
  T0,
  world,
  type World,
} from './testing.ts';
import type { Nomination } from './types.ts';
import { withdraw } from './withdraw.ts';

const EXPIRES = T0 + 100n * SECOND;
const nomination = (overrides: Partial<Nomination> = {}): Nomination => ({
  id: 1n,
  candidate: candidate(1),
  nominator: ROLES.nodeProvider,
  display_name: 'x',
  motivation: 'y',
  hardware: { gpu: 'g', vram_gib: 1, ram_gib: 1, cpu_cores: 1, region: 'r' },
  models: ['m'],
  created_at: T0,
  expires_at: EXPIRES,
  status: 'Open',
  proposal_id: 7n,
  updated_at: T0,
  status_reason: undefined,
  ...overrides,
});
const found = (overrides: Parameters<typeof admitProposal>[2] = {}): ProposalLookup => ({
  Found: admitProposal(7n, 1n, overrides),
});
const decidedYes = { decided_timestamp_seconds: 5n, tally: { yes: 600n, no: 10n, total: 1_000n } };
const decidedNo = { decided_timestamp_seconds: 5n, tally: { yes: 10n, no: 600n, total: 1_000n } };
const BEFORE = T0 + 10n * SECOND;
const AFTER = EXPIRES + SECOND;

describe('decideReconciliation', () => {
  it.each<[string, Partial<Nomination>, bigint, ProposalLookup | undefined, keyof ReconcileAction | string]>([
    ['unlinked, before expiry', { proposal_id: undefined }, BEFORE, undefined, 'Keep'],
    ['unlinked, at expiry', { proposal_id: undefined }, EXPIRES, undefined, 'Expire'],
    ['not Open', { status: 'Withdrawn', proposal_id: undefined }, AFTER, undefined, 'Keep'],
    ['linked, governance unreachable, past expiry', {}, AFTER, { Unavailable: 'down' }, 'Keep'],
    ['linked, vote open, past expiry', {}, AFTER, found(), 'Keep'],
    ['linked, adopted but not yet executed', {}, AFTER, found(decidedYes), 'Keep'],
    ['linked, rejected', {}, BEFORE, found(decidedNo), 'Reject'],
    ['linked, rejected, past expiry', {}, AFTER, found(decidedNo), 'Reject'],
    ['linked, failed, before expiry', {}, BEFORE, found({ ...decidedYes, failed_timestamp_seconds: 6n }), 'Unlink'],
    ['linked, failed, past expiry', {}, AFTER, found({ ...decidedYes, failed_timestamp_seconds: 6n }), 'Expire'],
    ['linked, proposal gone, before expiry', {}, BEFORE, { NotFound: 'gone' }, 'Unlink'],
    ['linked, proposal gone, past expiry', {}, AFTER, { NotFound: 'gone' }, 'Expire'],
    [
      'linked, executed yet still Open',
      {},
      BEFORE,
      found({ ...decidedYes, executed_timestamp_seconds: 6n }),
      'ExecutedStillOpen',
    ],
  ])('%s -> %s', (_, overrides, now, lookup, expected) => {
    expect(Object.keys(decideReconciliation(nomination(overrides), now, lookup))).toEqual([expected]);
  });
});

async function nominateAndLink(w: World, n: number, proposalId?: bigint) {
  const created = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(n)));
  if (!('Ok' in created)) throw new Error(JSON.stringify(created));
  if (proposalId !== undefined) {
    w.proposals.set(proposalId, admitProposal(proposalId, created.Ok.id));
    const linked = await linkProposalFlow(w, ROLES.nodeProvider, {
      nomination_id: created.Ok.id,
      proposal_id: proposalId,
    });
    if (!('Ok' in linked)) throw new Error(JSON.stringify(linked));
  }
  return created.Ok;
}

describe('reconcile', () => {
  it('caller-role matrix: only a nominator with an open nomination may trigger it, without any call for others', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(
      async (w) => {
        await nominateAndLink(w, 1);
        w.governanceDown = true;
      },
      (w, caller) => reconcileFlow(w, caller),
    );
    expect(outcomes).toEqual(expectedMatrix(['nodeProvider'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('expires, rejects and unlinks, and updates indexes and counters', async () => {
    const w = world();
    await nominateAndLink(w, 1); // 1: unlinked, will expire
    await nominateAndLink(w, 2, 20n); // 2: rejected
    await nominateAndLink(w, 3, 30n); // 3: failed -> unlinked
    w.proposals.set(20n, admitProposal(20n, 2n, decidedNo));
    w.proposals.set(
      30n,
      admitProposal(30n, 3n, { ...decidedYes, failed_timestamp_seconds: 9n, failure_reason: 'admit trapped' }),
    );
    w.now = (findNomination(w.stores, 1n)?.expires_at as bigint) - SECOND;
    const early = await reconcileFlow(w, ROLES.nodeProvider);
    expect(early).toEqual({ Ok: { examined: 3, expired: 0, rejected: 1, unlinked: 1, unresolved: 0 } });
    expect(findNomination(w.stores, 2n)).toMatchObject({
      status: 'Rejected',
      status_reason: 'proposal 20 was rejected',
    });
    expect(findNomination(w.stores, 3n)).toMatchObject({
      status: 'Open',
      proposal_id: undefined,
      status_reason: expect.stringContaining('admit trapped'),
    });
    w.now += SECOND;
    expect(await reconcileFlow(w, ROLES.nodeProvider)).toEqual({
      Err: { LimitExceeded: 'a manual reconcile ran 1 s ago; try again in 9 s' },
    });
    w.now += 9n * SECOND;
    const late = await reconcileFlow(w, ROLES.nodeProvider);
    expect(late).toEqual({ Ok: { examined: 2, expired: 2, rejected: 0, unlinked: 0, unresolved: 0 } });
    expect(stats(w.stores)).toMatchObject({ open: 0n, expired: 2n, rejected: 1n, last_reconcile_at: w.now });
    expect(openCount(w.stores, ROLES.nodeProvider)).toBe(0);
    expect(w.stores.openByCandidate.size()).toBe(0);
  });

  it('lets the nominator link a new proposal after a failed one was unlinked', async () => {
    const w = world();
    await nominateAndLink(w, 1, 10n);
    w.proposals.set(10n, admitProposal(10n, 1n, { ...decidedYes, failed_timestamp_seconds: 9n }));
    await reconcileFlow(w);
    w.proposals.set(11n, admitProposal(11n, 1n));
    const relinked = await linkProposalFlow(w, ROLES.nodeProvider, { nomination_id: 1n, proposal_id: 11n });
    expect(relinked).toEqual({ Ok: expect.objectContaining({ proposal_id: 11n }) });
  });

  it('keeps a nomination whose linked vote is still running past its TTL, and logs an executed-yet-open one', async () => {
    const w = world();
    await nominateAndLink(w, 1, 10n);
    await nominateAndLink(w, 2, 20n);
    w.proposals.set(20n, admitProposal(20n, 2n, { ...decidedYes, executed_timestamp_seconds: 9n }));
    w.now = (findNomination(w.stores, 1n)?.expires_at as bigint) + SECOND;
    expect(await reconcileFlow(w)).toEqual({
      Ok: { examined: 2, expired: 0, rejected: 0, unlinked: 0, unresolved: 1 },
    });
    expect(findNomination(w.stores, 1n)?.status).toBe('Open');
    expect(findNomination(w.stores, 2n)?.status).toBe('Open');
    expect(w.logs).toEqual([expect.stringContaining('proposal 20 executed but nomination 2 is still Open')]);
  });

  it('changes nothing for linked nominations while governance is unreachable', async () => {
    const w = world();
    await nominateAndLink(w, 1, 10n);
    w.proposals.set(10n, admitProposal(10n, 1n, decidedNo));
    w.governanceDown = true;
    w.now += 1_000_000n * SECOND;
    await reconcileFlow(w);
    expect(findNomination(w.stores, 1n)?.status).toBe('Open');
  });

  it('does not apply a decision to a nomination that changed while governance was asked', async () => {
    const w = world();
    await nominateAndLink(w, 1, 10n);
    w.proposals.set(10n, admitProposal(10n, 1n, decidedNo));
    w.duringCall = () => withdraw(w.stores, w.now, ROLES.nodeProvider, 1n);
    const report = await reconcileFlow(w);
    expect(findNomination(w.stores, 1n)?.status).toBe('Withdrawn');
    expect(report).toEqual({ Ok: expect.objectContaining({ rejected: 0 }) });
  });

  it('bounds each run to a batch and rotates through all Open nominations', async () => {
    const w = world({ ...DEFAULT_PARAMS, max_open_per_provider: 50 });
    for (let i = 1; i <= 45; i++) await nominateAndLink(w, i);
    w.now = (findNomination(w.stores, 1n)?.expires_at as bigint) + SECOND;
    const examined: number[] = [];
    for (let run = 0; run < 3; run++) {
      const report = await reconcileFlow(w);
      if ('Ok' in report) examined.push(report.Ok.examined);
    }
    expect(examined).toEqual([20, 20, 5]);
    expect(stats(w.stores).open).toBe(0n);
  });

  it('rotates the cursor over nominations that stay Open, wrapping at the end', async () => {
    const w = world({ ...DEFAULT_PARAMS, max_open_per_provider: 50 });
    for (let i = 1; i <= 25; i++) await nominateAndLink(w, i);
    const seen: number[] = [];
    for (let run = 0; run < 3; run++) {
      const report = await reconcileFlow(w);
      if ('Ok' in report) seen.push(report.Ok.examined);
    }
    expect(seen).toEqual([20, 5, 20]);
    expect(stats(w.stores).open).toBe(25n);
  });
});
