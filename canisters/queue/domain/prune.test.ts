import { describe, expect, it } from 'vitest';

import { idKey } from '../../shared/domain/keys.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { complete } from './complete.ts';
import { maintain } from './expiry.ts';
import { getJob } from './jobs.ts';
import { metrics } from './metrics.ts';
import { queuedCount } from './ready.ts';
import { submit } from './submit.ts';
import { jobOf, job, mustLease, mustSubmit, SECOND, snapshot, T0, world } from './testing.ts';

const done = (job_id: bigint, token: bigint) => ({ job_id, token, output: 'ok', tokens_in: 1, tokens_out: 1 });

describe('bounded memory', () => {
  it('refuses submit with LimitExceeded once max_queued_jobs are queued or leased, whoever submits', () => {
    const stores = world({ max_queued_jobs: 3 });
    mustSubmit(stores, testPrincipal(300));
    mustSubmit(stores, testPrincipal(301));
    mustSubmit(stores, testPrincipal(302));
    mustLease(stores);
    const before = snapshot(stores);
    expect(submit(stores, testPrincipal(303), T0, job())).toEqual({
      Err: { LimitExceeded: expect.stringContaining('3 jobs') },
    });
    expect(snapshot(stores)).toEqual(before);
  });

  it('a job still Queued queued_ttl_seconds after submission expires, counted; a leased one does not', () => {
    const stores = world({ queued_ttl_seconds: 60, lease_seconds: 600 });
    const leased = mustSubmit(stores);
    mustLease(stores);
    const queued = mustSubmit(stores, ROLES.stranger, T0 + 10n * SECOND);
    maintain(stores, T0 + 69n * SECOND);
    expect(jobOf(stores, queued).status).toEqual({ Queued: null });
    maintain(stores, T0 + 70n * SECOND);
    expect(jobOf(stores, queued).status).toEqual({ Expired: null });
    expect(jobOf(stores, leased).status).toEqual({ Leased: null });
    expect(queuedCount(stores, ['tiny-chat'])).toBe(0n);
    expect(stores.pending.get(ROLES.stranger)).toBe(1);
    expect(metrics(stores)).toMatchObject({ queued: 0n, expired: 1n });
    expect(getJob(stores, ROLES.stranger, queued)).toMatchObject({ Ok: { status: { Expired: null } } });
  });

  it('finished jobs stay readable for retention_seconds, then are deleted with their index entry', () => {
    const stores = world({ retention_seconds: 600 });
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(complete(stores, ROLES.worker, T0 + SECOND, done(id, lease!.token))).toEqual({ Ok: null });
    maintain(stores, T0 + 600n * SECOND);
    expect(getJob(stores, ROLES.stranger, id)).toMatchObject({ Ok: { status: { Completed: {} } } });
    maintain(stores, T0 + 601n * SECOND);
    expect(getJob(stores, ROLES.stranger, id)).toEqual({ Err: { NotFound: expect.any(String) } });
    expect([stores.jobs.size(), stores.finished.size()]).toEqual([0, 0]);
    expect(metrics(stores).completed).toBe(1n);
  });

  it('keeps at most max_queued_jobs finished jobs: a flood of submit + cancel cannot grow the store', () => {
    const stores = world({ max_queued_jobs: 5, max_pending_per_caller: 1000 });
    for (let i = 0; i < 50; i++) {
      const id = mustSubmit(stores);
      const [lease] = mustLease(stores);
      complete(stores, ROLES.worker, T0, done(id, lease!.token));
    }
    expect(stores.finished.size()).toBeLessThanOrEqual(5);
    expect(stores.jobs.size()).toBeLessThanOrEqual(5);
    expect(stores.jobs.has(idKey(50n))).toBe(true);
  });
});
