import { MemoryStore } from '../../shared/domain/memory-store.ts';
import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ROLES } from '../../shared/testing/roles.ts';
import { initQueue } from './config.ts';
import { lease, type Lease } from './lease.ts';
import { applyMembership, membershipProgress, type MembershipBatch, type MembershipUpdate } from './membership.ts';
import type { Job, Message, QueueStores } from './model.ts';
import { DEFAULT_PARAMS, type QueueParams } from './params.ts';
import { submit, type SubmitArgs } from './submit.ts';

/** Fresh in-memory stores, for unit tests. */
export function memoryStores(): QueueStores {
  return {
    config: new MemoryStore(),
    counters: new MemoryStore(),
    jobs: new MemoryStore(),
    ready: new MemoryStore(),
    leases: new MemoryStore(),
    pending: new MemoryStore(),
    workers: new MemoryStore(),
    workerOrder: new MemoryStore(),
    lanes: new MemoryStore(),
    queuedLinks: new MemoryStore(),
    modelQueues: new MemoryStore(),
    finished: new MemoryStore(),
  };
}

/** Every entry of every store, to assert that a rejected call changed nothing. */
export function snapshot(stores: QueueStores): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.entries()]));
}

/** The default world of the queue's unit tests: governance and registry from ROLES, ROLES.worker active. */
export const T0 = 1_700_000_000_000_000_000n;
export const SECOND = 1_000_000_000n;

export function world(params?: Partial<QueueParams>): QueueStores {
  const stores = memoryStores();
  initQueue(stores, {
    governance: ROLES.governance,
    registry: ROLES.registryCanister,
    params: { ...DEFAULT_PARAMS, ...params },
  });
  setActive(stores, ROLES.worker, true);
  return stores;
}

/** One membership push of the next seq; a queue's first push is the registry's snapshot that starts epoch 1. */
export function membershipPush(
  stores: QueueStores,
  update: Omit<MembershipUpdate, 'seq'>,
  seq?: bigint,
): MembershipBatch {
  const progress = membershipProgress(stores);
  const next = seq ?? progress.seq + 1n;
  const updates = [{ seq: next, ...update }];
  return progress.epoch === 0n
    ? { epoch: 1n, snapshot: { from: next, to: next }, skip: undefined, updates }
    : { epoch: progress.epoch, snapshot: undefined, skip: undefined, updates };
}

export function setActive(stores: QueueStores, worker: PrincipalText, active: boolean, now = T0): void {
  const push = membershipPush(stores, { worker, contributor: ROLES.contributor, active });
  const result = applyMembership(stores, ROLES.registryCanister, now, push);
  if (!('Ok' in result)) throw new Error(JSON.stringify(result));
}

export const user = (content: string): Message => ({ role: { User: null }, content });

export const job = (overrides: Partial<SubmitArgs> = {}): SubmitArgs => ({
  model: 'tiny-chat',
  messages: [user('hello')],
  max_tokens: 64,
  ...overrides,
});

export function mustSubmit(stores: QueueStores, caller: PrincipalText = ROLES.stranger, now = T0): bigint {
  const result = submit(stores, caller, now, job());
  if (!('Ok' in result)) throw new Error(JSON.stringify(result));
  return result.Ok;
}

export function mustLease(stores: QueueStores, worker: PrincipalText = ROLES.worker, now = T0, maxJobs = 1): Lease[] {
  const result = lease(stores, worker, now, { models: ['tiny-chat'], max_jobs: maxJobs });
  if (!('Ok' in result)) throw new Error(JSON.stringify(result));
  return result.Ok;
}

export const jobOf = (stores: QueueStores, id: bigint): Job => stores.jobs.get(idKey(id)) as Job;
