import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { fail } from './fail.ts';
import { jobOf, mustLease, mustSubmit, setActive, snapshot, T0, world } from './testing.ts';

const failure = (job_id: bigint, token: bigint, retryable: boolean, reason = 'oom') => ({
  job_id,
  token,
  reason,
  retryable,
});

describe('fail', () => {
  it('a retryable failure with attempts left puts the job back in the queue', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(fail(stores, ROLES.worker, T0, failure(id, lease!.token, true))).toEqual({ Ok: null });
    expect(jobOf(stores, id)).toMatchObject({ status: { Queued: null }, attempts: 1 });
    expect(stores.ready.has(id.toString().padStart(20, '0'))).toBe(true);
    expect(stores.leases.size()).toBe(0);
    expect(stores.pending.get(ROLES.stranger)).toBe(1);
    expect(stores.workers.get(ROLES.worker)).toMatchObject({ failed: 1n, leases: [] });
  });

  it('a retryable failure on the last attempt fails the job', () => {
    const stores = world({ max_attempts: 2 });
    const id = mustSubmit(stores);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [lease] = mustLease(stores);
      expect(lease!.attempt).toBe(attempt);
      fail(stores, ROLES.worker, T0, failure(id, lease!.token, true));
    }
    expect(jobOf(stores, id).status).toEqual({ Failed: { reason: 'oom', attempts: 2 } });
    expect(stores.pending.get(ROLES.stranger)).toBeUndefined();
  });

  it('a non-retryable failure fails the job at once', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    fail(stores, ROLES.worker, T0, failure(id, lease!.token, false, 'bad prompt'));
    expect(jobOf(stores, id).status).toEqual({ Failed: { reason: 'bad prompt', attempts: 1 } });
    expect(stores.ready.size()).toBe(0);
  });

  it('only the holder with the current token may fail a job; reasons are bounded', () => {
    const stores = world({ max_reason_bytes: 3 });
    const other = testPrincipal(70);
    setActive(stores, other, true);
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const before = snapshot(stores);
    expect(fail(stores, other, T0, failure(id, lease!.token, false, 'x'))).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(fail(stores, ROLES.worker, T0, failure(id, lease!.token + 1n, false, 'x'))).toEqual({
      Err: { Conflict: expect.any(String) },
    });
    expect(fail(stores, ROLES.worker, T0, failure(id, lease!.token, false, 'long'))).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(fail(stores, ROLES.contributor, T0, failure(id, lease!.token, false, 'x'))).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });
});
