import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { initQueue } from './config.ts';
import { applyMembership, newWorker } from './membership.ts';
import { memoryStores, T0 } from './testing.ts';
import { indexWorkerOrder, listRecentWorkers } from './workers.ts';

const E = 3n;

function withWorkers(count: number) {
  const stores = memoryStores();
  initQueue(stores, { governance: ROLES.governance, registry: ROLES.registryCanister });
  applyMembership(stores, ROLES.registryCanister, T0, {
    epoch: E,
    snapshot: { from: 1n, to: 0n },
    skip: undefined,
    updates: [],
  });
  const updates = Array.from({ length: count }, (_, i) => ({
    seq: BigInt(i + 1),
    worker: testPrincipal(200 + i),
    contributor: ROLES.contributor,
    active: true,
  }));
  expect(
    applyMembership(stores, ROLES.registryCanister, T0, { epoch: E, snapshot: undefined, skip: undefined, updates }),
  ).toMatchObject({ Ok: {} });
  return stores;
}

const workersOf = (page: ReturnType<typeof listRecentWorkers>) =>
  'Ok' in page ? page.Ok.items.map((w) => w.worker) : page;

describe('recent workers', () => {
  it('lists workers newest first from the order the queue first heard of them, paging back from there', () => {
    const stores = withWorkers(5);
    expect(workersOf(listRecentWorkers(stores, { offset: 0n, limit: 2n }))).toEqual([
      testPrincipal(204),
      testPrincipal(203),
    ]);
    expect(workersOf(listRecentWorkers(stores, { offset: 4n, limit: 2n }))).toEqual([testPrincipal(200)]);
    // A worker seen again (deactivated, say) keeps its place: the order is first sight, each key once.
    applyMembership(stores, ROLES.registryCanister, T0, {
      epoch: E,
      snapshot: undefined,
      skip: undefined,
      updates: [{ seq: 6n, worker: testPrincipal(200), contributor: ROLES.contributor, active: false }],
    });
    const all = listRecentWorkers(stores, { offset: 0n, limit: 0n });
    expect('Ok' in all && all.Ok.total).toBe(5n);
    expect(workersOf(all)).toHaveLength(5);
  });

  it('refuses out-of-range pages as InvalidInput', () => {
    expect(listRecentWorkers(withWorkers(1), { offset: 0n, limit: 101n })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
  });

  it('indexes the workers of a version without the order once, on upgrade, and never twice', () => {
    const stores = memoryStores();
    for (const n of [7, 3, 9]) stores.workers.set(testPrincipal(n), newWorker(testPrincipal(n), ROLES.contributor));
    indexWorkerOrder(stores);
    expect(stores.workerOrder.size()).toBe(3);
    indexWorkerOrder(stores);
    expect(stores.workerOrder.size()).toBe(3);
    expect(workersOf(listRecentWorkers(stores, { offset: 0n, limit: 0n }))).toHaveLength(3);
  });
});
