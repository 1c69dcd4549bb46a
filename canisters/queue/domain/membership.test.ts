import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { idKey } from '../../shared/domain/keys.ts';
import { applyMembership, type MembershipBatch, type MembershipUpdate } from './membership.ts';
import { countersCell } from './state.ts';
import { jobOf, memoryStores, mustLease, mustSubmit, snapshot, T0 } from './testing.ts';
import { initQueue } from './config.ts';

const W = testPrincipal(80);
const update = (seq: bigint, active: boolean, worker = W): MembershipUpdate => ({
  seq,
  worker,
  contributor: ROLES.contributor,
  active,
});

function fresh() {
  const stores = memoryStores();
  initQueue(stores, { governance: ROLES.governance, registry: ROLES.registryCanister });
  return stores;
}

const E = 7n;
const push = (updates: MembershipUpdate[], epoch = E, snapshot?: { from: bigint; to: bigint }): MembershipBatch => ({
  epoch,
  snapshot,
  skip: undefined,
  updates,
});
/** A queue that has taken the registry's first (empty) snapshot of epoch E, as every deployment starts. */
function started() {
  const stores = fresh();
  expect(applyMembership(stores, ROLES.registryCanister, T0, push([], E, { from: 1n, to: 0n }))).toEqual({
    Ok: { epoch: E, seq: 0n, snapshot_needed: false },
  });
  return stores;
}
const ack = (seq: bigint, snapshot_needed = false, epoch = E) => ({ Ok: { epoch, seq, snapshot_needed } });

describe('apply_membership', () => {
  it('activates and deactivates worker keys, keeping the active count', () => {
    const stores = started();
    expect(
      applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true), update(2n, true, ROLES.worker)])),
    ).toEqual(ack(2n));
    expect(stores.workers.get(W)).toMatchObject({ active: true, contributor: ROLES.contributor, seq: 1n });
    expect(countersCell(stores).get().workers_active).toBe(2n);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(3n, false)]))).toEqual(ack(3n));
    expect(stores.workers.get(W)?.active).toBe(false);
    expect(countersCell(stores).get().workers_active).toBe(1n);
  });

  it('skips seqs it already holds, so retries are harmless', () => {
    const stores = started();
    applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true), update(2n, false)]));
    const before = snapshot(stores);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true), update(2n, false)]))).toEqual(
      ack(2n),
    );
    expect(snapshot(stores)).toEqual(before);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(2n, false), update(3n, true)]))).toEqual(
      ack(3n),
    );
    expect(stores.workers.get(W)?.active).toBe(true);
  });

  it('asks for a snapshot on a gap, another epoch, or a fresh queue, applying nothing', () => {
    const stores = started();
    applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true)]));
    const before = snapshot(stores);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(3n, false)]))).toEqual(ack(1n, true));
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(2n, false)], E + 1n))).toEqual(
      ack(1n, true),
    );
    expect(snapshot(stores)).toEqual(before);
    expect(applyMembership(fresh(), ROLES.registryCanister, T0, push([update(1n, true)]))).toEqual(ack(0n, true, 0n));
  });

  it('a snapshot of a new epoch (registry reinstalled) resets progress and deactivates every worker it does not name', () => {
    const stores = started();
    const gone = testPrincipal(81);
    applyMembership(
      stores,
      ROLES.registryCanister,
      T0,
      push([update(1n, true), update(2n, true, gone), update(3n, true, ROLES.worker)]),
    );
    mustSubmit(stores);
    mustLease(stores, gone, T0, 1);
    // The reinstalled registry starts its seqs again at 1: the snapshot names W and worker, in two batches.
    const next = E + 100n;
    expect(
      applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true)], next, { from: 1n, to: 2n })),
    ).toEqual(ack(1n, false, next));
    expect(stores.workers.get(gone)?.active).toBe(true);
    expect(
      applyMembership(
        stores,
        ROLES.registryCanister,
        T0,
        push([update(2n, false, ROLES.worker)], next, { from: 1n, to: 2n }),
      ),
    ).toEqual(ack(2n, false, next));
    expect(stores.workers.get(W)).toMatchObject({ active: true, seq: 1n });
    expect(stores.workers.get(ROLES.worker)).toMatchObject({ active: false, seq: 2n });
    expect(stores.workers.get(gone)).toMatchObject({ active: false, leases: [] });
    expect(stores.ready.size()).toBe(1);
    expect(countersCell(stores).get().workers_active).toBe(1n);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(3n, false)], next))).toEqual(
      ack(3n, false, next),
    );
  });

  it('passes over a seq the registry skipped, and only that one', () => {
    const stores = started();
    applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true)]));
    expect(applyMembership(stores, ROLES.registryCanister, T0, { ...push([update(3n, false)]), skip: 2n })).toEqual(
      ack(3n),
    );
    expect(applyMembership(stores, ROLES.registryCanister, T0, { ...push([update(6n, true)]), skip: 4n })).toEqual(
      ack(3n, true),
    );
  });

  it('deactivation returns live leases to the queue at once without charging an attempt', () => {
    const stores = started();
    applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true)]));
    const ids = [mustSubmit(stores), mustSubmit(stores)];
    mustLease(stores, W, T0, 2);
    applyMembership(stores, ROLES.registryCanister, T0 + 1n, push([update(2n, false)]));
    for (const id of ids) expect(jobOf(stores, id)).toMatchObject({ status: { Queued: null }, attempts: 0 });
    expect(stores.leases.size()).toBe(0);
    expect(stores.ready.size()).toBe(2);
    expect(stores.workers.get(W)).toMatchObject({ leases: [], expired_leases: 0n });
    expect(stores.pending.get(ROLES.stranger)).toBe(2);
  });

  it('returns many leases of one worker in linear work: the worker record is not rewritten per lease with its whole list', () => {
    const written = (n: number) => {
      const stores = started();
      applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true)]));
      for (let i = 0; i < n; i++)
        stores.workers.set(W, { ...stores.workers.get(W)!, leases: [...stores.workers.get(W)!.leases, BigInt(i + 1)] });
      let bytes = 0;
      const set = stores.workers.set.bind(stores.workers);
      stores.workers.set = (key, value) => {
        bytes += JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)).length;
        set(key, value);
      };
      for (let i = 0; i < n; i++) {
        const job = jobOf(stores, mustSubmit(stores, testPrincipal(1000 + i)));
        stores.jobs.set(idKey(job.id), {
          ...job,
          status: { Leased: null },
          lease: { worker: W, token: 1n, leased_at: T0, deadline: T0 + 1n },
        });
      }
      applyMembership(stores, ROLES.registryCanister, T0, push([update(2n, false)]));
      return bytes;
    };
    // Quadratic work would make 10x the leases cost about 100x the bytes written; linear about 10x.
    expect(written(400) / written(40)).toBeLessThan(20);
  });

  it('only the registry canister may push, in batches of at most 256 contiguous seqs', () => {
    const stores = started();
    const before = snapshot(stores);
    expect(applyMembership(stores, ROLES.governance, T0, push([update(1n, true)]))).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    const batch = Array.from({ length: 257 }, (_, i) => update(BigInt(i + 1), true, testPrincipal(100 + i)));
    expect(applyMembership(stores, ROLES.registryCanister, T0, push(batch))).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(applyMembership(stores, ROLES.registryCanister, T0, push([update(1n, true), update(3n, true)]))).toEqual({
      Err: { InvalidInput: 'updates must have contiguous seqs' },
    });
    expect(snapshot(stores)).toEqual(before);
    expect(applyMembership(stores, ROLES.registryCanister, T0, push(batch.slice(0, 256)))).toEqual(ack(256n));
  });
});
