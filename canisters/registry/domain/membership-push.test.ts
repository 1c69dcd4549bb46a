import { describe, expect, it } from 'vitest';

import type { Result } from '../../shared/domain/result.ts';
import { testPrincipal } from '../../shared/testing/roles.ts';
import { emptyStores, expectOk, genesis, T0 } from '../testing/world.ts';
import { initRegistry } from './init.ts';
import { pushMembership } from './membership-push.ts';
import { enqueueMembership, MAX_MEMBERSHIP_BATCH, takeMembershipBatch } from './outbox.ts';
import type { MembershipUpdate } from './types.ts';

function withPending(count: number) {
  const stores = emptyStores();
  expectOk(initRegistry(stores, testPrincipal(99), T0, genesis()));
  for (let i = 0; i < count; i++)
    enqueueMembership(stores, testPrincipal(200 + (i % 5)), testPrincipal(300), i % 2 === 0);
  return stores;
}

const seqs = (batch: MembershipUpdate[]) => batch.map((u) => u.seq);

describe('pushMembership', () => {
  it('delivers oldest first in batches of at most 100 and empties the outbox', async () => {
    const stores = withPending(230);
    const sent: bigint[][] = [];
    const report = await pushMembership(stores, async (batch) => {
      sent.push(seqs(batch));
      return { Ok: BigInt(batch.length) };
    });
    expect(report).toEqual({ delivered: 230, failure: undefined });
    expect(sent.map((b) => b.length)).toEqual([MAX_MEMBERSHIP_BATCH, MAX_MEMBERSHIP_BATCH, 30]);
    expect(sent.flat()).toEqual(Array.from({ length: 230 }, (_, i) => BigInt(i + 1)));
    expect(stores.outbox.size()).toBe(0);
  });

  it('keeps the batch when the call throws or the queue answers Err', async () => {
    for (const send of [
      async (): Promise<Result<bigint>> => {
        throw { type: 'CallRejected', rejectCode: 3, rejectMessage: 'no such canister' };
      },
      async (): Promise<Result<bigint>> => ({ Err: { Unauthorized: 'only the registry' } }),
    ]) {
      const stores = withPending(3);
      const report = await pushMembership(stores, send);
      expect(report.delivered).toBe(0);
      expect(report.failure).toMatch(/no such canister|Unauthorized: only the registry/);
      expect(seqs(takeMembershipBatch(stores))).toEqual([1n, 2n, 3n]);
    }
  });

  it('stops at the first failing batch, keeping it and everything after it', async () => {
    const stores = withPending(150);
    let calls = 0;
    const report = await pushMembership(stores, async (batch) =>
      ++calls === 1 ? { Ok: BigInt(batch.length) } : { Err: { Unavailable: 'busy' } },
    );
    expect(report.delivered).toBe(100);
    expect(seqs(takeMembershipBatch(stores))[0]).toBe(101n);
    expect(stores.outbox.size()).toBe(50);
  });

  it('an update appended while a batch is in flight is delivered in a later round, not lost', async () => {
    const stores = withPending(2);
    const sent: bigint[][] = [];
    await pushMembership(stores, async (batch) => {
      if (sent.length === 0) enqueueMembership(stores, testPrincipal(201), testPrincipal(300), false);
      sent.push(seqs(batch));
      return { Ok: BigInt(batch.length) };
    });
    expect(sent).toEqual([[1n, 2n], [3n]]);
    expect(stores.outbox.size()).toBe(0);
  });

  it('does at most maxRounds calls per run', async () => {
    const stores = withPending(250);
    const report = await pushMembership(stores, async (batch) => ({ Ok: BigInt(batch.length) }), 2);
    expect(report.delivered).toBe(200);
    expect(stores.outbox.size()).toBe(50);
  });
});
