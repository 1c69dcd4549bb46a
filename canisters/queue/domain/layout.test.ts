import { describe, expect, it } from 'vitest';

import { idKey } from '../../shared/domain/keys.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { currentParams } from './config.ts';
import { maintain } from './expiry.ts';
import { lease } from './lease.ts';
import { LAYOUT_VERSION, migrateLayout, repairParams } from './layout.ts';
import type { Job, QueueStores } from './model.ts';
import { DEFAULT_PARAMS, validateParams } from './params.ts';
import { queuedCount } from './ready.ts';
import { countersCell } from './state.ts';
import { submit } from './submit.ts';
import { job, jobOf, memoryStores, mustSubmit, SECOND, setActive, snapshot, T0, world } from './testing.ts';

const alice = testPrincipal(201);
const bob = testPrincipal(202);

/** A job record as the queue before the per-model index stored it (the same JSON shape as today's). */
function oldJob(id: bigint, submitter: string, model: string, status: Job['status'], at = T0): Job {
  return {
    id,
    submitter,
    model,
    messages: [{ role: { User: null }, content: `job ${id}` }],
    max_tokens: 16,
    temperature: undefined,
    seed: undefined,
    status,
    attempts: 0,
    lease: undefined,
    created_at: at,
    updated_at: at,
  } as Job;
}

/**
 * State as the queue wrote it before the per-model index (commit 3da488b^): queued jobs in `ready` as
 * { model } only, finished jobs in no index, counters without `expired`, params without the three
 * fields that came with the index, and no layout number.
 */
function stateBeforeTheIndex(): QueueStores {
  const stores = memoryStores();
  const {
    max_queued_jobs: _a,
    queued_ttl_seconds: _b,
    retention_seconds: _c,
    ...oldParams
  } = {
    ...DEFAULT_PARAMS,
    models: ['tiny-chat', 'big-chat'],
    max_output_bytes: 1_000_000,
    max_tokens: 32_768,
  };
  stores.config.set('cell', {
    governance: ROLES.governance,
    registry: ROLES.registryCanister,
    params: oldParams,
  } as never);
  const jobs = [
    oldJob(1n, alice, 'big-chat', { Queued: null }),
    oldJob(2n, alice, 'big-chat', { Queued: null }),
    oldJob(3n, alice, 'big-chat', { Queued: null }),
    oldJob(4n, bob, 'tiny-chat', { Queued: null }),
    oldJob(5n, bob, 'tiny-chat', {
      Completed: { output: 'done', tokens_in: 1, tokens_out: 1, latency_ms: 5n },
    } as never),
    oldJob(6n, alice, 'tiny-chat', { Cancelled: null }, T0 + SECOND),
  ];
  for (const j of jobs) {
    stores.jobs.set(idKey(j.id), j);
    if ('Queued' in j.status) stores.ready.set(idKey(j.id), { model: j.model });
  }
  stores.pending.set(alice, 3);
  stores.pending.set(bob, 1);
  const { expired: _e, ...oldCounters } = { ...countersCell(stores).get(), next_job_id: 7n, submitted: 6n };
  stores.counters.set('cell', oldCounters as never);
  setActive(stores, ROLES.worker, true);
  return stores;
}

describe('stable layout migration (post_upgrade)', () => {
  it('indexes the jobs queued before the per-model index, so every model is served again', () => {
    const stores = stateBeforeTheIndex();
    const migration = migrateLayout(stores);
    expect(migration).toMatchObject({ from: 0, to: LAYOUT_VERSION, queued: 4, finished: 2 });
    expect(queuedCount(stores, ['tiny-chat'])).toBe(1n);
    expect(queuedCount(stores, ['big-chat'])).toBe(3n);
    // The big-chat backlog does not hide bob's tiny-chat job.
    const [first] = (
      lease(stores, ROLES.worker, T0, { models: ['tiny-chat'], max_jobs: 1 }) as { Ok: Array<{ job_id: bigint }> }
    ).Ok;
    expect(first!.job_id).toBe(4n);
    const big = lease(stores, ROLES.worker, T0, { models: ['big-chat'], max_jobs: 3 }) as {
      Ok: Array<{ job_id: bigint }>;
    };
    expect(big.Ok.map((l) => l.job_id)).toEqual([1n, 2n, 3n]);
  });

  it('repairs what would trap: the missing counter, the missing params and params out of today’s ranges', () => {
    const stores = stateBeforeTheIndex();
    const migration = migrateLayout(stores);
    const params = currentParams(stores);
    expect('Ok' in validateParams(params)).toBe(true);
    expect(params).toMatchObject({ max_output_bytes: 131_072, max_tokens: 8_192, max_queued_jobs: 10_000 });
    expect(params.models).toEqual(['tiny-chat', 'big-chat']);
    expect(migration.params).toContain('max_output_bytes 1000000 -> 131072');
    expect(countersCell(stores).get().expired).toBe(0n);
    // Expiry counts into `expired` and finished jobs of the old layout are pruned after retention.
    maintain(stores, T0 + 8n * 86_400n * SECOND);
    expect(countersCell(stores).get().expired).toBe(4n);
    expect(stores.jobs.has(idKey(5n))).toBe(false);
    expect(stores.jobs.has(idKey(6n))).toBe(false);
  });

  it('is a no-op at the current layout, and rebuilds unnumbered state of today’s layout to the same indexes', () => {
    const stores = world({ models: ['tiny-chat', 'big-chat'] });
    for (const who of [alice, bob, alice]) mustSubmit(stores, who);
    const waiting = mustSubmit(stores, bob);
    lease(stores, ROLES.worker, T0, { models: ['tiny-chat'], max_jobs: 1 });
    expect('Ok' in submit(stores, alice, T0, job({ model: 'big-chat' }))).toBe(true);
    const before = snapshot(stores);
    expect(migrateLayout(stores)).toMatchObject({ from: LAYOUT_VERSION, to: LAYOUT_VERSION, queued: 0 });
    expect(snapshot(stores)).toEqual(before);
    const cell = stores.config.get('cell')!;
    stores.config.set('cell', { ...cell, layout: undefined });
    expect(migrateLayout(stores)).toMatchObject({ from: 0, queued: 4, params: [] });
    expect(queuedCount(stores, ['tiny-chat', 'big-chat'])).toBe(4n);
    expect(jobOf(stores, waiting).status).toEqual({ Queued: null });
  });

  it('fills params that are absent, and falls back to the defaults (keeping the models) when no repair is valid', () => {
    expect(repairParams({ models: ['m'] }).params).toEqual({ ...DEFAULT_PARAMS, models: ['m'] });
    const { params } = repairParams({
      ...DEFAULT_PARAMS,
      models: ['m'],
      max_prompt_bytes: 1_000_000,
      max_jobs_per_lease: 100,
    });
    expect(params).toEqual({ ...DEFAULT_PARAMS, models: ['m'] });
  });
});
