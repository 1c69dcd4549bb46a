import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { cancel } from './jobs.ts';
import { queuedCount } from './ready.ts';
import { submit } from './submit.ts';
import { job, mustLease, mustSubmit, T0, world } from './testing.ts';

describe('queuedCount', () => {
  it('counts Queued jobs per model from the index, each model once', () => {
    const stores = world({ models: ['tiny-chat', 'other'], max_pending_per_caller: 100 });
    for (let i = 0; i < 3; i++) mustSubmit(stores);
    submit(stores, ROLES.nodeProvider, T0, job({ model: 'other' }));
    expect(queuedCount(stores, ['tiny-chat'])).toBe(3n);
    expect(queuedCount(stores, ['other', 'tiny-chat', 'other'])).toBe(4n);
    expect(queuedCount(stores, ['unknown'])).toBe(0n);
    mustLease(stores);
    expect(queuedCount(stores, ['tiny-chat'])).toBe(2n);
  });

  it('drops a cancelled job from the middle of a lane and keeps the order of the rest', () => {
    const stores = world({ max_pending_per_caller: 100 });
    const ids = [mustSubmit(stores), mustSubmit(stores), mustSubmit(stores)];
    expect(cancel(stores, ROLES.stranger, T0, ids[1]!)).toEqual({ Ok: null });
    expect(queuedCount(stores, ['tiny-chat'])).toBe(2n);
    expect(mustLease(stores, ROLES.worker, T0, 8).map((l) => l.job_id)).toEqual([ids[0], ids[2]]);
    expect(queuedCount(stores, ['tiny-chat'])).toBe(0n);
    expect([stores.lanes.size(), stores.queuedLinks.size(), stores.modelQueues.size()]).toEqual([0, 0, 0]);
  });
});
