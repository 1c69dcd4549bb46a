import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { extend } from './holder.ts';
import { jobOf, mustLease, mustSubmit, SECOND, setActive, snapshot, T0, world } from './testing.ts';

describe('extend', () => {
  it('moves the deadline to now + seconds and re-keys the live-lease index', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const now = T0 + 30n * SECOND;
    expect(extend(stores, ROLES.worker, now, { job_id: id, token: lease!.token, seconds: 100 })).toEqual({
      Ok: now + 100n * SECOND,
    });
    expect(jobOf(stores, id).lease?.deadline).toBe(now + 100n * SECOND);
    expect(stores.leases.entries().map(([, jobId]) => jobId)).toEqual([id]);
    expect(stores.leases.entries()[0]![0].startsWith((now + 100n * SECOND).toString().padStart(20, '0'))).toBe(true);
  });

  it('never goes beyond lease start + max_lease_seconds', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(extend(stores, ROLES.worker, T0 + SECOND, { job_id: id, token: lease!.token, seconds: 100_000 })).toEqual({
      Ok: T0 + 600n * SECOND,
    });
    expect(extend(stores, ROLES.worker, T0 + 500n * SECOND, { job_id: id, token: lease!.token, seconds: 500 })).toEqual(
      { Ok: T0 + 600n * SECOND },
    );
  });

  it('never shortens a lease', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(extend(stores, ROLES.worker, T0, { job_id: id, token: lease!.token, seconds: 10 })).toEqual({
      Ok: T0 + 60n * SECOND,
    });
  });

  it('refuses a stale token, an expired lease, another worker and zero seconds, changing nothing', () => {
    const stores = world();
    const other = testPrincipal(50);
    setActive(stores, other, true);
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const before = snapshot(stores);
    const args = { job_id: id, token: lease!.token, seconds: 10 };
    expect(extend(stores, ROLES.worker, T0, { ...args, token: lease!.token + 1n })).toEqual({
      Err: { Conflict: expect.any(String) },
    });
    expect(extend(stores, ROLES.worker, T0 + 60n * SECOND, args)).toEqual({ Err: { Conflict: expect.any(String) } });
    expect(extend(stores, other, T0, args)).toEqual({ Err: { Unauthorized: expect.any(String) } });
    expect(extend(stores, ROLES.worker, T0, { ...args, seconds: 0 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(extend(stores, ROLES.worker, T0, { ...args, job_id: 77n })).toEqual({
      Err: { NotFound: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });
});
