import { describe, expect, it } from 'vitest';

import { initQueue } from '../../queue/domain/config.ts';
import { applyMembership, type MembershipBatch } from '../../queue/domain/membership.ts';
import type { QueueStores } from '../../queue/domain/model.ts';
import { memoryStores as queueStores } from '../../queue/domain/testing.ts';
import type { Result } from '../../shared/domain/result.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { bindKey, expectOk, freshKey, T0, world } from '../testing/world.ts';
import { executeAction } from './governance-action.ts';
import { suspendContributor } from './contributor-status.ts';
import { pushMembership, type SendMembership } from './membership-push.ts';
import { enqueueMembership, MAX_MEMBERSHIP_BATCH, takeMembershipBatch } from './outbox.ts';
import { readMeta, type RegistryStores } from './stores.ts';

function newQueue(): QueueStores {
  const stores = queueStores();
  initQueue(stores, { governance: ROLES.governance, registry: ROLES.registryCanister });
  return stores;
}

/** The real queue domain behind the call, with a record of what was sent and a switch to make it trap. */
function link(queue = newQueue()) {
  const sent: MembershipBatch[] = [];
  const net = {
    queue,
    sent,
    traps: (_batch: MembershipBatch) => false,
    send: (async (batch) => {
      sent.push(structuredClone(batch));
      if (net.traps(batch)) throw { type: 'CallRejected', rejectCode: 5, rejectMessage: 'canister trapped' };
      return applyMembership(net.queue, ROLES.registryCanister, T0, structuredClone(batch));
    }) as SendMembership,
  };
  return net;
}

const activeIn = (queue: QueueStores, worker: string) => queue.workers.get(worker)?.active === true;

function withKeys(count: number): RegistryStores {
  const stores = world();
  for (let i = 0; i < count; i++) expectOk(bindKey(stores, ROLES.contributor, T0, freshKey(100 + i)));
  return stores;
}

describe('pushMembership', () => {
  it('starts a fresh queue with a snapshot of every key, then delivers deltas in order', async () => {
    const stores = world();
    const net = link();
    expect(await pushMembership(stores, net.send, T0)).toMatchObject({ failure: undefined });
    expect(net.sent[0]).toMatchObject({ snapshot: undefined, updates: [{ seq: 1n, worker: ROLES.worker }] });
    expect(net.sent[1]).toMatchObject({ snapshot: { from: 2n, to: 2n }, updates: [{ seq: 2n, worker: ROLES.worker }] });
    expect(activeIn(net.queue, ROLES.worker)).toBe(true);
    expect(stores.outbox.size()).toBe(0);
    expect(readMeta(stores).snapshot).toBeUndefined();

    expectOk(
      executeAction(suspendContributor, stores, ROLES.governance, T0, { contributor: ROLES.contributor, reason: 'r' }),
    );
    await pushMembership(stores, net.send, T0);
    expect(net.sent.at(-1)).toMatchObject({ snapshot: undefined, updates: [{ seq: 3n, active: false }] });
    expect(activeIn(net.queue, ROLES.worker)).toBe(false);
  });

  it('with nothing pending still checks the queue, and re-sends everything to a reinstalled queue', async () => {
    const stores = withKeys(2);
    const net = link();
    await pushMembership(stores, net.send, T0);
    net.queue = newQueue();
    const before = net.sent.length;
    await pushMembership(stores, net.send, T0);
    expect(net.sent[before]).toMatchObject({ updates: [] });
    for (const key of [ROLES.worker, freshKey(100), freshKey(101)]) expect(activeIn(net.queue, key)).toBe(true);
  });

  it('a reinstalled registry (new epoch, seqs from 1) makes the queue drop workers it no longer has', async () => {
    const net = link();
    await pushMembership(withKeys(2), net.send, T0);
    expect(activeIn(net.queue, freshKey(101))).toBe(true);
    const reinstalled = world(); // only ROLES.worker, epoch T0 again but a fresh queue progress
    const { membership_epoch } = readMeta(reinstalled);
    expect(membership_epoch).toBe(T0);
    // A different install time names a different epoch.
    const again = world();
    again.meta.set('cell', { ...readMeta(again), membership_epoch: T0 + 5n });
    await pushMembership(again, net.send, T0 + 5n);
    expect(activeIn(net.queue, ROLES.worker)).toBe(true);
    expect(activeIn(net.queue, freshKey(100))).toBe(false);
    expect(activeIn(net.queue, freshKey(101))).toBe(false);
  });

  it('a restored registry (the queue holds seqs it never issued) starts a new epoch and a snapshot', async () => {
    const stores = withKeys(1);
    const saved = structuredClone(Object.fromEntries(Object.entries(stores).map(([n, s]) => [n, s.entries()])));
    const net = link();
    await pushMembership(stores, net.send, T0);
    // More happens, then the registry is restored to the saved state: its last seq is behind the queue's.
    expectOk(bindKey(stores, ROLES.contributor, T0, freshKey(200)));
    await pushMembership(stores, net.send, T0);
    expect(activeIn(net.queue, freshKey(200))).toBe(true);
    for (const [name, entries] of Object.entries(saved)) {
      const store = stores[name as keyof RegistryStores];
      for (const [key] of store.entries()) store.delete(key);
      for (const [key, value] of entries as Array<[string, never]>) store.set(key, value);
    }
    await pushMembership(stores, net.send, T0 + 9n);
    expect(readMeta(stores).membership_epoch).toBe(T0 + 9n);
    expect(activeIn(net.queue, freshKey(200))).toBe(false);
    expect(activeIn(net.queue, freshKey(100))).toBe(true);
  });

  it('delivers oldest first in batches of at most 100 and empties the outbox', async () => {
    const stores = world();
    const net = link();
    await pushMembership(stores, net.send, T0);
    for (let i = 0; i < 230; i++)
      enqueueMembership(stores, testPrincipal(200 + (i % 5)), ROLES.contributor, i % 2 === 0);
    const start = net.sent.length;
    expect(await pushMembership(stores, net.send, T0)).toEqual({ delivered: 230, failure: undefined });
    expect(net.sent.slice(start).map((b) => b.updates.length)).toEqual([
      MAX_MEMBERSHIP_BATCH,
      MAX_MEMBERSHIP_BATCH,
      30,
    ]);
    expect(stores.outbox.size()).toBe(0);
  });

  it('keeps the batch when the queue is unreachable or answers Err', async () => {
    for (const send of [
      async (): Promise<Result<never>> => {
        throw { type: 'CallRejected', rejectCode: 3, rejectMessage: 'no such canister' };
      },
      async (): Promise<Result<never>> => ({ Err: { Unauthorized: 'only the registry' } }),
    ]) {
      const stores = world();
      const report = await pushMembership(stores, send, T0);
      expect(report.delivered).toBe(0);
      expect(report.failure).toMatch(/no such canister|Unauthorized: only the registry/);
      expect(takeMembershipBatch(stores).map((u) => u.seq)).toEqual([1n]);
    }
  });

  it('splits a batch that traps, and skips with an event the one update the queue cannot apply', async () => {
    const stores = world();
    const net = link();
    await pushMembership(stores, net.send, T0);
    const poison = testPrincipal(250);
    for (let i = 0; i < 40; i++)
      enqueueMembership(stores, i === 25 ? poison : testPrincipal(200 + i), ROLES.contributor, true);
    net.traps = (batch) => batch.updates.some((u) => u.worker === poison);
    for (let run = 0; run < 10 && stores.outbox.size() > 0; run++) await pushMembership(stores, net.send, T0);
    expect(stores.outbox.size()).toBe(0);
    expect(activeIn(net.queue, testPrincipal(224))).toBe(true);
    expect(activeIn(net.queue, testPrincipal(239))).toBe(true);
    expect(activeIn(net.queue, poison)).toBe(false);
    expect(stores.events.entries().at(-1)![1]).toMatchObject({ kind: 'MembershipSkipped', subject: poison });
    // No batch was sent twice unchanged in a row.
    const shapes = net.sent.map((b) =>
      JSON.stringify(
        b.updates.map((u) => u.seq),
        (_, v) => (typeof v === 'bigint' ? `${v}` : v),
      ),
    );
    expect(shapes.some((s, i) => i > 0 && s === shapes[i - 1] && s !== '[]')).toBe(false);
  });

  it('skips nothing while the queue itself is down', async () => {
    const stores = world();
    const net = link();
    await pushMembership(stores, net.send, T0);
    enqueueMembership(stores, testPrincipal(201), ROLES.contributor, true);
    net.traps = () => true;
    for (let run = 0; run < 5; run++) await pushMembership(stores, net.send, T0);
    expect(stores.outbox.size()).toBe(1);
    expect(stores.events.entries().some(([, e]) => e.kind === 'MembershipSkipped')).toBe(false);
  });

  it('skips nothing when the queue was stopped and is started again before the probe', async () => {
    const stores = world();
    const net = link();
    await pushMembership(stores, net.send, T0);
    enqueueMembership(stores, testPrincipal(201), ROLES.contributor, true);
    let stopped = true;
    const send: SendMembership = async (batch) => {
      if (!stopped) return net.send(batch);
      stopped = false; // started again at once: the probe that follows would go through
      throw { type: 'CallRejected', rejectCode: 5, rejectMessage: 'Canister be2us-64aaa-aaaaa-qaabq-cai is stopped' };
    };
    const report = await pushMembership(stores, send, T0);
    expect(report.failure).toMatch(/is stopped/);
    expect(stores.events.entries().some(([, e]) => e.kind === 'MembershipSkipped')).toBe(false);
    await pushMembership(stores, net.send, T0);
    expect(stores.outbox.size()).toBe(0);
    expect(activeIn(net.queue, testPrincipal(201))).toBe(true);
  });

  it('does at most maxRounds calls per run', async () => {
    const stores = world();
    const net = link();
    await pushMembership(stores, net.send, T0);
    for (let i = 0; i < 250; i++) enqueueMembership(stores, testPrincipal(200), ROLES.contributor, true);
    const report = await pushMembership(stores, net.send, T0, 2);
    expect(report.delivered).toBe(200);
    expect(stores.outbox.size()).toBe(50);
  });
});
