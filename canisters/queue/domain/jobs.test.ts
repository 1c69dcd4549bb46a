import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { cancel, getJob } from './jobs.ts';
import { jobOf, mustLease, mustSubmit, snapshot, T0, world } from './testing.ts';
import { complete } from './complete.ts';

describe('get_job', () => {
  it('shows the submitter the job without messages or lease token', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const result = getJob(stores, ROLES.stranger, id);
    expect(result).toEqual({
      Ok: {
        id,
        submitter: ROLES.stranger,
        model: 'tiny-chat',
        max_tokens: 64,
        status: { Queued: null },
        attempts: 0,
        created_at: T0,
        updated_at: T0,
      },
    });
  });

  it('answers NotFound to everyone else, exactly as for a missing job', () => {
    const stores = world();
    const id = mustSubmit(stores);
    expect(getJob(stores, ROLES.contributor, id)).toEqual({ Err: { NotFound: `no job ${id}` } });
    expect(getJob(stores, ROLES.contributor, 999n)).toEqual({ Err: { NotFound: 'no job 999' } });
    expect(getJob(stores, ROLES.worker, id)).toEqual({ Err: { NotFound: `no job ${id}` } });
  });

  it('shows the completion to the submitter', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    complete(stores, ROLES.worker, T0 + 5n, {
      job_id: id,
      token: lease!.token,
      output: 'hi',
      tokens_in: 3,
      tokens_out: 1,
    });
    expect(getJob(stores, ROLES.stranger, id)).toMatchObject({
      Ok: {
        status: {
          Completed: { output: 'hi', tokens_in: 3, tokens_out: 1, worker: ROLES.worker, completed_at: T0 + 5n },
        },
      },
    });
  });
});

describe('cancel', () => {
  it('cancels a queued job and frees the pending slot', () => {
    const stores = world();
    const id = mustSubmit(stores);
    expect(cancel(stores, ROLES.stranger, T0 + 1n, id)).toEqual({ Ok: null });
    expect(jobOf(stores, id).status).toEqual({ Cancelled: null });
    expect(stores.ready.size()).toBe(0);
    expect(stores.pending.get(ROLES.stranger)).toBeUndefined();
  });

  it('cancels a leased job and invalidates its lease', () => {
    const stores = world();
    const id = mustSubmit(stores);
    const [lease] = mustLease(stores);
    expect(cancel(stores, ROLES.stranger, T0 + 1n, id)).toEqual({ Ok: null });
    expect(stores.leases.size()).toBe(0);
    expect(stores.workers.get(ROLES.worker)?.leases).toEqual([]);
    const late = complete(stores, ROLES.worker, T0 + 2n, {
      job_id: id,
      token: lease!.token,
      output: 'x',
      tokens_in: 1,
      tokens_out: 1,
    });
    expect(late).toEqual({ Err: { Conflict: expect.any(String) } });
  });

  it("refuses finished jobs and other people's jobs without changing anything", () => {
    const stores = world();
    const id = mustSubmit(stores);
    cancel(stores, ROLES.stranger, T0, id);
    const before = snapshot(stores);
    expect(cancel(stores, ROLES.stranger, T0, id)).toEqual({ Err: { Conflict: expect.any(String) } });
    const other = mustSubmit(stores);
    const mid = snapshot(stores);
    expect(cancel(stores, ROLES.contributor, T0, other)).toEqual({ Err: { NotFound: expect.any(String) } });
    expect(snapshot(stores)).toEqual(mid);
    expect(before).not.toEqual(mid);
  });
});
