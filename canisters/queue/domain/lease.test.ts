import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { lease } from './lease.ts';
import { submit } from './submit.ts';
import { job, jobOf, mustLease, mustSubmit, SECOND, setActive, snapshot, T0, world } from './testing.ts';

describe('lease', () => {
  it('hands out the oldest queued jobs first, with unique tokens and the lease deadline', () => {
    const stores = world();
    const ids = [mustSubmit(stores), mustSubmit(stores), mustSubmit(stores)];
    const result = lease(stores, ROLES.worker, T0, { models: ['tiny-chat'], max_jobs: 2 });
    expect('Ok' in result).toBe(true);
    const leases = (result as { Ok: Array<{ job_id: bigint; token: bigint; deadline: bigint; attempt: number }> }).Ok;
    expect(leases.map((l) => l.job_id)).toEqual([ids[0], ids[1]]);
    expect(new Set(leases.map((l) => l.token)).size).toBe(2);
    expect(leases.every((l) => l.deadline === T0 + 60n * SECOND && l.attempt === 1)).toBe(true);
    expect(jobOf(stores, ids[0]!).status).toEqual({ Leased: null });
    expect(jobOf(stores, ids[2]!).status).toEqual({ Queued: null });
    expect(stores.leases.size()).toBe(2);
    expect(stores.workers.get(ROLES.worker)?.leases).toEqual([ids[0], ids[1]]);
    expect(stores.workers.get(ROLES.worker)?.last_seen).toBe(T0);
  });

  it('carries everything the worker needs to run the job', () => {
    const stores = world();
    submit(stores, ROLES.stranger, T0, job({ temperature: 0.5, seed: 7, max_tokens: 99 }));
    expect(mustLease(stores)[0]).toMatchObject({
      model: 'tiny-chat',
      messages: job().messages,
      max_tokens: 99,
      temperature: 0.5,
      seed: 7,
    });
  });

  it('skips jobs for models the worker did not ask for', () => {
    const stores = world({ models: ['tiny-chat', 'other'] });
    submit(stores, ROLES.stranger, T0, job({ model: 'other' }));
    const wanted = mustSubmit(stores);
    expect(mustLease(stores, ROLES.worker, T0, 8).map((l) => l.job_id)).toEqual([wanted]);
  });

  it("finds a model's job behind any backlog of another model (it used to scan only the oldest 256)", () => {
    const stores = world({ models: ['tiny-chat', 'other'], max_pending_per_caller: 1000 });
    for (let i = 0; i < 300; i++) submit(stores, ROLES.stranger, T0, job({ model: 'other' }));
    const wanted = mustSubmit(stores);
    expect(mustLease(stores).map((l) => l.job_id)).toEqual([wanted]);
  });

  it('serves the submitters of a model round-robin, so one burst cannot starve the others', () => {
    const stores = world({ max_pending_per_caller: 1000 });
    const burst = Array.from({ length: 10 }, () => mustSubmit(stores, ROLES.stranger));
    const a = mustSubmit(stores, ROLES.nodeProvider);
    const b = mustSubmit(stores, ROLES.contributor);
    const order = mustLease(stores, ROLES.worker, T0, 5).map((l) => l.job_id);
    expect(order).toEqual([burst[0], a, b, burst[1], burst[2]]);
  });

  it('alternates between the requested models', () => {
    const stores = world({ models: ['tiny-chat', 'other'], max_pending_per_caller: 1000 });
    const others = Array.from({ length: 3 }, () => submit(stores, ROLES.stranger, T0, job({ model: 'other' })));
    const chats = [mustSubmit(stores), mustSubmit(stores)];
    const leased = lease(stores, ROLES.worker, T0, { models: ['tiny-chat', 'other'], max_jobs: 4 });
    expect('Ok' in leased && leased.Ok.map((l) => l.job_id)).toEqual([
      chats[0],
      (others[0] as { Ok: bigint }).Ok,
      chats[1],
      (others[1] as { Ok: bigint }).Ok,
    ]);
  });

  it('a job returned by its worker goes back to the front of its lane', () => {
    const stores = world({ max_pending_per_caller: 1000 });
    const first = mustSubmit(stores);
    mustSubmit(stores);
    mustLease(stores);
    setActive(stores, ROLES.worker, false);
    setActive(stores, ROLES.worker, true);
    expect(mustLease(stores).map((l) => l.job_id)).toEqual([first]);
  });

  it('gives at most max_jobs_per_lease, and at most max_leases_per_worker live leases', () => {
    const stores = world({ max_jobs_per_lease: 2, max_leases_per_worker: 3 });
    for (let i = 0; i < 6; i++) mustSubmit(stores);
    expect(mustLease(stores, ROLES.worker, T0, 100)).toHaveLength(2);
    expect(mustLease(stores, ROLES.worker, T0, 100)).toHaveLength(1);
    expect(mustLease(stores, ROLES.worker, T0, 100)).toHaveLength(0);
  });

  it('returns an empty list when nothing is queued', () => {
    expect(mustLease(world())).toEqual([]);
  });

  it('rejects bad arguments and non-workers without changing anything', () => {
    const stores = world();
    mustSubmit(stores);
    setActive(stores, testPrincipal(40), false);
    const before = snapshot(stores);
    expect(lease(stores, ROLES.worker, T0, { models: ['tiny-chat'], max_jobs: 0 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(
      lease(stores, ROLES.worker, T0, { models: Array.from({ length: 33 }, (_, i) => `m${i}`), max_jobs: 1 }),
    ).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(lease(stores, testPrincipal(40), T0, { models: ['tiny-chat'], max_jobs: 1 })).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(lease(stores, ROLES.contributor, T0, { models: ['tiny-chat'], max_jobs: 1 })).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });
});
