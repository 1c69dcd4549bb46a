import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { complete, completeAndLease } from './complete.ts';
import { countersCell } from './state.ts';
import { getWorker } from './workers.ts';
import { jobOf, mustLease, mustSubmit, SECOND, setActive, snapshot, T0, world } from './testing.ts';

const done = (job_id: bigint, token: bigint, output = 'answer') => ({
  job_id,
  token,
  output,
  tokens_in: 5,
  tokens_out: 3,
});

describe('complete', () => {
  it('completes the job, ends the lease and records latency in the worker figures', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(complete(stores, ROLES.worker, T0 + 1_500n * 1_000_000n, done(id, lease!.token))).toEqual({ Ok: null });
    expect(jobOf(stores, id).status).toEqual({
      Completed: {
        output: 'answer',
        tokens_in: 5,
        tokens_out: 3,
        worker: ROLES.worker,
        completed_at: T0 + 1_500_000_000n,
      },
    });
    expect(stores.leases.size()).toBe(0);
    expect(stores.pending.get(ROLES.stranger)).toBeUndefined();
    expect(stores.workers.get(ROLES.worker)).toMatchObject({
      completed: 1n,
      latency_ms_total: 1500n,
      latency_ms_max: 1500n,
      leases: [],
    });
    expect(countersCell(stores).get().completed).toBe(1n);
  });

  it('keeps the largest latency as max and sums them all', () => {
    const stores = world();
    const a = mustSubmit(stores);
    const b = mustSubmit(stores);
    const [la, lb] = mustLease(stores, ROLES.worker, T0, 2);
    complete(stores, ROLES.worker, T0 + 2n * SECOND, done(a, la!.token));
    complete(stores, ROLES.worker, T0 + 1n * SECOND, done(b, lb!.token));
    expect(stores.workers.get(ROLES.worker)).toMatchObject({
      completed: 2n,
      latency_ms_total: 3000n,
      latency_ms_max: 2000n,
    });
  });

  it('gives p50 and p95 from the latency histogram in the worker stats, none before the first completion', () => {
    const stores = world();
    expect(getWorker(stores, ROLES.worker)).toMatchObject({ latency_ms_p50: undefined, latency_ms_p95: undefined });
    // Nine jobs at 300 ms, one at 9 s: the median stays near 300 ms, the 95th percentile is the slow one.
    for (let i = 0; i < 10; i++) {
      const id = mustSubmit(stores);
      const [lease] = mustLease(stores);
      complete(stores, ROLES.worker, T0 + (i === 9 ? 9_000n : 300n) * 1_000_000n, done(id, lease!.token));
    }
    const stats = getWorker(stores, ROLES.worker)!;
    expect(Number(stats.latency_ms_p50)).toBeGreaterThan(275);
    expect(Number(stats.latency_ms_p50)).toBeLessThan(330);
    expect(Number(stats.latency_ms_p95)).toBeGreaterThan(8_200);
    expect(Number(stats.latency_ms_p95)).toBeLessThanOrEqual(9_000);
    expect(stats.latency_ms_max).toBe(9_000n);
    expect(Object.keys(stores.workers.get(ROLES.worker)!.latency_histogram!)).toHaveLength(2);
  });

  it('is idempotent for the same holder and token: Ok again, counted once', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    complete(stores, ROLES.worker, T0 + SECOND, done(id, lease!.token));
    const before = snapshot(stores);
    expect(complete(stores, ROLES.worker, T0 + 2n * SECOND, done(id, lease!.token, 'different'))).toEqual({ Ok: null });
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses a stale token, another worker, an expired lease and oversize output, changing nothing', () => {
    const stores = world({ max_output_bytes: 1024, max_tokens: 64 });
    const other = testPrincipal(60);
    setActive(stores, other, true);
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const before = snapshot(stores);
    expect(complete(stores, ROLES.worker, T0, done(id, lease!.token + 1n, 'ok'))).toEqual({
      Err: { Conflict: expect.any(String) },
    });
    expect(complete(stores, other, T0, done(id, lease!.token, 'ok'))).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(complete(stores, ROLES.worker, T0 + 60n * SECOND, done(id, lease!.token, 'ok'))).toEqual({
      Err: { Conflict: expect.any(String) },
    });
    expect(complete(stores, ROLES.worker, T0, done(id, lease!.token, 'x'.repeat(1025)))).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(complete(stores, ROLES.worker, T0, { ...done(id, lease!.token, 'ok'), tokens_out: 65 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(complete(stores, ROLES.worker, T0, done(99n, lease!.token, 'ok'))).toEqual({
      Err: { NotFound: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });

  it('after completion, another worker or another token gets an error, not Ok', () => {
    const stores = world();
    const other = testPrincipal(61);
    setActive(stores, other, true);
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    complete(stores, ROLES.worker, T0, done(id, lease!.token));
    expect(complete(stores, other, T0, done(id, lease!.token))).toEqual({ Err: { Conflict: expect.any(String) } });
    expect(complete(stores, ROLES.worker, T0, done(id, lease!.token + 1n))).toEqual({
      Err: { Conflict: expect.any(String) },
    });
    expect(stores.workers.get(other)?.completed).toBe(0n);
  });

  it('a deactivated worker can no longer complete', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    setActive(stores, ROLES.worker, false);
    expect(complete(stores, ROLES.worker, T0, done(id, lease!.token))).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
  });
});

describe('completeAndLease', () => {
  const next = { models: ['tiny-chat'], max_jobs: 2 };

  it('completes, then leases the next jobs in the same call', () => {
    const stores = world();
    const first = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const second = mustSubmit(stores);
    const result = completeAndLease(stores, ROLES.worker, T0 + SECOND, done(first, lease!.token), next);
    expect(result.complete).toEqual({ Ok: null });
    expect('Ok' in result.lease && result.lease.Ok.map((l) => l.job_id)).toEqual([second]);
    expect(jobOf(stores, first).status).toHaveProperty('Completed');
  });

  it('still leases when the completion is refused (the lease was lost meanwhile)', () => {
    const stores = world();
    const first = mustSubmit(stores);
    const [lease] = mustLease(stores);
    const result = completeAndLease(stores, ROLES.worker, T0 + 120n * SECOND, done(first, lease!.token), next);
    expect(result.complete).toEqual({ Err: { Conflict: expect.stringContaining('expired') } });
    expect('Ok' in result.lease && result.lease.Ok).toEqual([]);
    const other = mustSubmit(stores);
    const again = completeAndLease(stores, ROLES.worker, T0 + 121n * SECOND, done(first, 999n), next);
    expect(again.complete).toMatchObject({ Err: {} });
    expect('Ok' in again.lease && again.lease.Ok.map((l) => l.job_id)).toEqual([other]);
  });

  it('refuses both halves to a caller who is not an active worker, changing nothing', () => {
    const stores = world();
    mustSubmit(stores);
    const before = snapshot(stores);
    const result = completeAndLease(stores, ROLES.stranger, T0, done(1n, 1n), next);
    expect(result).toEqual({
      complete: { Err: { Unauthorized: expect.any(String) } },
      lease: { Err: { Unauthorized: expect.any(String) } },
    });
    expect(snapshot(stores)).toEqual(before);
  });
});
