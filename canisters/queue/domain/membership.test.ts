import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { applyMembership, type MembershipUpdate } from './membership.ts';
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

describe('apply_membership', () => {
  it('activates and deactivates worker keys, keeping the active count', () => {
    const stores = fresh();
    expect(
      applyMembership(stores, ROLES.registryCanister, T0, [update(1n, true), update(1n, true, ROLES.worker)]),
    ).toEqual({ Ok: 2n });
    expect(stores.workers.get(W)).toMatchObject({ active: true, contributor: ROLES.contributor, seq: 1n });
    expect(countersCell(stores).get().workers_active).toBe(2n);
    expect(applyMembership(stores, ROLES.registryCanister, T0, [update(2n, false)])).toEqual({ Ok: 1n });
    expect(stores.workers.get(W)?.active).toBe(false);
    expect(countersCell(stores).get().workers_active).toBe(1n);
  });

  it('ignores updates whose seq is not newer, so retries and reordering are harmless', () => {
    const stores = fresh();
    applyMembership(stores, ROLES.registryCanister, T0, [update(5n, false)]);
    expect(applyMembership(stores, ROLES.registryCanister, T0, [update(4n, true), update(5n, true)])).toEqual({
      Ok: 0n,
    });
    expect(stores.workers.get(W)?.active).toBe(false);
    expect(applyMembership(stores, ROLES.registryCanister, T0, [update(7n, true), update(6n, false)])).toEqual({
      Ok: 1n,
    });
    expect(stores.workers.get(W)?.active).toBe(true);
  });

  it('deactivation returns live leases to the queue at once without charging an attempt', () => {
    const stores = fresh();
    applyMembership(stores, ROLES.registryCanister, T0, [update(1n, true)]);
    const ids = [mustSubmit(stores), mustSubmit(stores)];
    mustLease(stores, W, T0, 2);
    applyMembership(stores, ROLES.registryCanister, T0 + 1n, [update(2n, false)]);
    for (const id of ids) expect(jobOf(stores, id)).toMatchObject({ status: { Queued: null }, attempts: 0 });
    expect(stores.leases.size()).toBe(0);
    expect(stores.ready.size()).toBe(2);
    expect(stores.workers.get(W)).toMatchObject({ leases: [], expired_leases: 0n });
    expect(stores.pending.get(ROLES.stranger)).toBe(2);
  });

  it('only the registry canister may push, in batches of at most 256', () => {
    const stores = fresh();
    const before = snapshot(stores);
    expect(applyMembership(stores, ROLES.governance, T0, [update(1n, true)])).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    const batch = Array.from({ length: 257 }, (_, i) => update(BigInt(i + 1), true, testPrincipal(100 + i)));
    expect(applyMembership(stores, ROLES.registryCanister, T0, batch)).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
    expect(applyMembership(stores, ROLES.registryCanister, T0, batch.slice(0, 256))).toEqual({ Ok: 256n });
  });
});
