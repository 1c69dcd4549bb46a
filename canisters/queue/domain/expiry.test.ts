import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { expireLeases, expireLeasesCall } from './expiry.ts';
import { countersCell } from './state.ts';
import { jobOf, mustLease, mustSubmit, SECOND, snapshot, T0, world } from './testing.ts';

describe('lease expiry', () => {
  it('leaves leases alone before their deadline', () => {
    const stores = world();
    mustSubmit(stores);
    mustLease(stores);
    const before = snapshot(stores);
    expect(expireLeases(stores, T0 + 60n * SECOND - 1n)).toBe(0n);
    expect(snapshot(stores)).toEqual(before);
  });

  it('returns a job to the queue at its deadline, charging the attempt and the worker', () => {
    const stores = world();
    const id = mustSubmit(stores);
    mustLease(stores);
    expect(expireLeases(stores, T0 + 60n * SECOND)).toBe(1n);
    expect(jobOf(stores, id)).toMatchObject({ status: { Queued: null }, attempts: 1, lease: undefined });
    expect(stores.leases.size()).toBe(0);
    expect(stores.workers.get(ROLES.worker)).toMatchObject({ expired_leases: 1n, leases: [] });
    expect(countersCell(stores).get().leases_expired).toBe(1n);
    expect(mustLease(stores, ROLES.worker, T0 + 61n * SECOND)[0]?.attempt).toBe(2);
  });

  it('fails the job when the expired lease was its last attempt', () => {
    const stores = world({ max_attempts: 2 });
    const id = mustSubmit(stores);
    mustLease(stores);
    expireLeases(stores, T0 + 60n * SECOND);
    mustLease(stores, ROLES.worker, T0 + 60n * SECOND);
    expireLeases(stores, T0 + 120n * SECOND);
    expect(jobOf(stores, id).status).toEqual({ Failed: { reason: 'lease expired', attempts: 2 } });
    expect(stores.pending.get(ROLES.stranger)).toBeUndefined();
    expect(countersCell(stores).get().failed).toBe(1n);
  });

  it('handles at most `limit` leases per pass, the earliest deadlines first', () => {
    const stores = world();
    const ids = [mustSubmit(stores), mustSubmit(stores), mustSubmit(stores)];
    mustLease(stores, ROLES.worker, T0 + 2n, 1);
    mustLease(stores, ROLES.worker, T0, 1);
    mustLease(stores, ROLES.worker, T0 + 1n, 1);
    expect(expireLeases(stores, T0 + 100n * SECOND, 2)).toBe(2n);
    expect(jobOf(stores, ids[0]!).status).toEqual({ Leased: null });
    expect(expireLeases(stores, T0 + 100n * SECOND, 2)).toBe(1n);
    expect(jobOf(stores, ids[0]!).status).toEqual({ Queued: null });
  });

  it('expire_leases is open to any signed-in caller but not to anonymous', () => {
    const stores = world();
    mustSubmit(stores);
    mustLease(stores);
    expect(expireLeasesCall(stores, ROLES.anonymous, T0 + 60n * SECOND)).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(expireLeasesCall(stores, ROLES.stranger, T0 + 60n * SECOND)).toEqual({ Ok: 1n });
  });
});
