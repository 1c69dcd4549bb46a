import { describe, expect, it } from 'vitest';

import { testPrincipal } from '../../shared/testing/roles.ts';
import { emptyStores, expectOk, genesis, T0 } from '../testing/world.ts';
import { initRegistry } from './init.ts';
import { acknowledgeMembership, enqueueMembership, MAX_MEMBERSHIP_BATCH, takeMembershipBatch } from './outbox.ts';
import { readMeta } from './stores.ts';

function initialized() {
  const stores = emptyStores();
  expectOk(initRegistry(stores, testPrincipal(99), T0, genesis()));
  return stores;
}

const worker = testPrincipal(60);
const owner = testPrincipal(61);

describe('membership outbox', () => {
  it('issues seqs from 1 upwards and keeps them in order', () => {
    const stores = initialized();
    const a = enqueueMembership(stores, worker, owner, true);
    const b = enqueueMembership(stores, worker, owner, false);
    expect([a.seq, b.seq]).toEqual([1n, 2n]);
    expect(takeMembershipBatch(stores)).toEqual([
      { seq: 1n, worker, contributor: owner, active: true },
      { seq: 2n, worker, contributor: owner, active: false },
    ]);
  });

  it('never reuses a seq after acknowledged entries are deleted', () => {
    const stores = initialized();
    enqueueMembership(stores, worker, owner, true);
    expect(acknowledgeMembership(stores, 1n)).toBe(1);
    expect(stores.outbox.size()).toBe(0);
    expect(enqueueMembership(stores, worker, owner, false).seq).toBe(2n);
    expect(readMeta(stores).last_membership_seq).toBe(2n);
  });

  it('takes at most the batch limit, oldest first, even with seqs of different digit counts', () => {
    const stores = initialized();
    for (let i = 0; i < MAX_MEMBERSHIP_BATCH + 5; i++) enqueueMembership(stores, worker, owner, i % 2 === 0);
    const batch = takeMembershipBatch(stores, 1000);
    expect(batch).toHaveLength(MAX_MEMBERSHIP_BATCH);
    expect(batch.map((u) => u.seq)).toEqual(Array.from({ length: MAX_MEMBERSHIP_BATCH }, (_, i) => BigInt(i + 1)));
    expect(takeMembershipBatch(stores, 3).map((u) => u.seq)).toEqual([1n, 2n, 3n]);
  });

  it('acknowledging up to a seq deletes only entries at or below it, across batch boundaries', () => {
    const stores = initialized();
    for (let i = 0; i < 250; i++) enqueueMembership(stores, worker, owner, true);
    expect(acknowledgeMembership(stores, 230n)).toBe(230);
    expect(takeMembershipBatch(stores).map((u) => u.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(231 + i)),
    );
    expect(acknowledgeMembership(stores, 100n)).toBe(0);
  });

  it('an entry appended while a batch was in flight survives that batch being acknowledged', () => {
    const stores = initialized();
    enqueueMembership(stores, worker, owner, true);
    const inFlight = takeMembershipBatch(stores);
    enqueueMembership(stores, worker, owner, false);
    acknowledgeMembership(stores, inFlight[inFlight.length - 1]!.seq);
    expect(takeMembershipBatch(stores)).toEqual([{ seq: 2n, worker, contributor: owner, active: false }]);
  });
});
