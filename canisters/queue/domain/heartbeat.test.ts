import { describe, expect, it } from 'vitest';

import { okPage } from '../../shared/testing/paging.ts';

import { ROLES } from '../../shared/testing/roles.ts';
import { getWorker, heartbeat, listWorkers } from './workers.ts';
import { mustLease, mustSubmit, setActive, snapshot, T0, world } from './testing.ts';
import { testPrincipal } from '../../shared/testing/roles.ts';

describe('heartbeat and worker figures', () => {
  it('records heartbeat time, models, version and in-flight count', () => {
    const stores = world();
    expect(heartbeat(stores, ROLES.worker, T0 + 9n, { models: ['tiny-chat'], version: '0.1.0', in_flight: 2 })).toEqual(
      { Ok: null },
    );
    expect(getWorker(stores, ROLES.worker)).toMatchObject({
      worker: ROLES.worker,
      contributor: ROLES.contributor,
      active: true,
      last_heartbeat: T0 + 9n,
      last_seen: T0 + 9n,
      models: ['tiny-chat'],
      version: '0.1.0',
      in_flight: 2,
      leases: 0,
    });
  });

  it('bounds version and models and refuses non-workers, changing nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    expect(heartbeat(stores, ROLES.worker, T0, { models: [], version: 'v'.repeat(65), in_flight: 0 })).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(heartbeat(stores, ROLES.worker, T0, { models: [''], version: '', in_flight: 0 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(heartbeat(stores, ROLES.contributor, T0, { models: [], version: '', in_flight: 0 })).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });

  it('lists workers page by page and counts live leases', () => {
    const stores = world();
    for (let i = 0; i < 3; i++) setActive(stores, testPrincipal(200 + i), true);
    mustSubmit(stores);
    mustLease(stores);
    const page = okPage(listWorkers(stores, { offset: 1n, limit: 2n }));
    expect(page.total).toBe(4n);
    expect(page.items).toHaveLength(2);
    expect(getWorker(stores, ROLES.worker)?.leases).toBe(1);
    expect(getWorker(stores, ROLES.stranger)).toBeUndefined();
  });
});
