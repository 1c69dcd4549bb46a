import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { idKey } from '../../shared/domain/keys.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { complete } from './complete.ts';
import { fail } from './fail.ts';
import { currentParams } from './config.ts';
import { expireLeases, maintain } from './expiry.ts';
import { extend } from './holder.ts';
import { cancel } from './jobs.ts';
import { lease } from './lease.ts';
import { applyMembership } from './membership.ts';
import type { Job, QueueStores } from './model.ts';
import { countersCell, leaseKey, statusName } from './state.ts';
import { submit } from './submit.ts';
import { job, membershipPush, memoryStores, SECOND, snapshot, T0 } from './testing.ts';
import { initQueue } from './config.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { LIMITS } from './limits.ts';

const WORKERS = [testPrincipal(600), testPrincipal(601), testPrincipal(602)];
const SUBMITTERS = [ROLES.stranger, ROLES.contributor, ROLES.nodeProvider];
const PARAMS = {
  ...DEFAULT_PARAMS,
  max_attempts: 2,
  max_pending_per_caller: 4,
  lease_seconds: 10,
  max_lease_seconds: 30,
  max_jobs_per_lease: 3,
  queued_ttl_seconds: 60,
  retention_seconds: 120,
};

type Cmd =
  | { kind: 'submit'; who: number }
  | { kind: 'lease'; worker: number; maxJobs: number }
  | { kind: 'complete'; worker: number; pick: number; stale: boolean }
  | { kind: 'fail'; worker: number; pick: number; retryable: boolean }
  | { kind: 'extend'; worker: number; pick: number; seconds: number }
  | { kind: 'cancel'; who: number; pick: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'expire' }
  | { kind: 'maintain' }
  | { kind: 'membership'; worker: number; active: boolean; stale: boolean };

const worker = fc.nat(WORKERS.length - 1);
/** -1 means "the worker the lease was issued to", so holder calls are common and others still happen. */
const actor = fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: worker });
const pick = fc.nat(50);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  w(4, fc.record({ kind: fc.constant('submit' as const), who: fc.nat(SUBMITTERS.length - 1) })),
  w(4, fc.record({ kind: fc.constant('lease' as const), worker, maxJobs: fc.integer({ min: 1, max: 4 }) })),
  w(3, fc.record({ kind: fc.constant('complete' as const), worker: actor, pick, stale: fc.boolean() })),
  w(2, fc.record({ kind: fc.constant('fail' as const), worker: actor, pick, retryable: fc.boolean() })),
  w(
    2,
    fc.record({ kind: fc.constant('extend' as const), worker: actor, pick, seconds: fc.integer({ min: 1, max: 40 }) }),
  ),
  w(1, fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(SUBMITTERS.length - 1), pick })),
  w(3, fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 15 }) })),
  w(2, fc.record({ kind: fc.constant('expire' as const) })),
  w(1, fc.record({ kind: fc.constant('maintain' as const) })),
  w(1, fc.record({ kind: fc.constant('membership' as const), worker, active: fc.boolean(), stale: fc.boolean() })),
);

interface Issued {
  jobId: bigint;
  token: bigint;
  worker: string;
}

const allJobs = (stores: QueueStores): Job[] => stores.jobs.entries().map(([, j]) => j);

/** Plain checks: vitest's expect is too slow to run thousands of times per property run. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

const FINAL = ['Completed', 'Failed', 'Cancelled', 'Expired'];

/** Every lane of the ready index walks from head to tail through its links, and the model counts add up. */
function checkReadyIndex(stores: QueueStores): void {
  let linked = 0;
  for (const [key, lane] of stores.lanes.entries()) {
    const [model, submitter] = JSON.parse(key) as [string, string];
    let id: bigint | undefined = lane.head;
    let last: bigint | undefined;
    while (id !== undefined) {
      const j = stores.jobs.get(idKey(id))!;
      check('Queued' in j.status && j.submitter === submitter && j.model === model, `lane ${key} holds job ${id}`);
      last = id;
      id = stores.queuedLinks.get(idKey(id))?.next;
      linked += 1;
    }
    check(last === lane.tail, `lane ${key} ends at its tail`);
    check(stores.lanes.get(JSON.stringify([model, lane.next]))?.prev === submitter, `lane ring of ${model}`);
  }
  check(linked === stores.ready.size(), 'every Queued job is in exactly one lane');
  const modelTotal = stores.modelQueues.entries().reduce((n, [, q]) => n + q.queued, 0);
  check(modelTotal === stores.ready.size(), 'model counts == Queued jobs');
}

function checkInvariants(
  stores: QueueStores,
  submitted: bigint[],
  active: Map<string, boolean>,
  lastStatus: Map<bigint, string>,
): void {
  const jobs = allJobs(stores);
  const counters = countersCell(stores).get();
  // No job lost: every submitted job is stored in exactly one state, or was pruned after it finished.
  const stored = new Set(jobs.map((j) => j.id));
  const pruned = submitted.filter((id) => !stored.has(id));
  check(
    jobs.every((j) => submitted.includes(j.id)),
    'stored jobs were submitted',
  );
  check(
    pruned.every((id) => FINAL.includes(lastStatus.get(id) ?? '')),
    'only finished jobs are pruned',
  );
  check(counters.submitted === BigInt(submitted.length), 'submitted counter');
  const count = (name: string) =>
    jobs.filter((j) => statusName(j) === name).length + pruned.filter((id) => lastStatus.get(id) === name).length;
  const total = ['Queued', 'Leased', ...FINAL].reduce((n, name) => n + count(name), 0);
  check(total === submitted.length, 'states add up');
  check(stores.ready.size() === count('Queued'), 'ready index == Queued jobs');
  check(stores.leases.size() === count('Leased'), 'live-lease index == Leased jobs');
  check(counters.completed === BigInt(count('Completed')), 'completed counter');
  check(counters.failed === BigInt(count('Failed')), 'failed counter');
  check(counters.cancelled === BigInt(count('Cancelled')), 'cancelled counter');
  check(counters.expired === BigInt(count('Expired')), 'expired counter');
  check(
    stores.finished.size() === jobs.filter((j) => FINAL.includes(statusName(j))).length,
    'finished index == finished jobs',
  );
  checkReadyIndex(stores);
  for (const j of jobs) lastStatus.set(j.id, statusName(j));
  const params = currentParams(stores);
  const pending = new Map<string, number>();
  for (const j of jobs) {
    check(Object.keys(j.status).length === 1, `job ${j.id} has one status`);
    check(j.attempts >= 0 && j.attempts <= params.max_attempts, `job ${j.id} attempts within cap`);
    const queued = 'Queued' in j.status;
    const leased = 'Leased' in j.status;
    check(stores.ready.has(idKey(j.id)) === queued, `job ${j.id} in ready index iff Queued`);
    if (queued || leased) pending.set(j.submitter, (pending.get(j.submitter) ?? 0) + 1);
    if (leased) {
      // At most one live lease per job: the index holds exactly this lease, under its deadline.
      const l = j.lease;
      check(l !== undefined, `leased job ${j.id} has a lease`);
      check(stores.leases.get(leaseKey(l!, j.id)) === j.id, `job ${j.id} lease indexed`);
      check(stores.workers.get(l!.worker)?.leases.includes(j.id) === true, `job ${j.id} listed by its worker`);
      check(active.get(l!.worker) === true, `job ${j.id} held by an active worker`);
      check(
        l!.deadline - l!.leased_at <= BigInt(params.max_lease_seconds) * SECOND,
        `job ${j.id} lease within max_lease_seconds`,
      );
    }
    if ('Completed' in j.status)
      check(j.status.Completed.worker === j.lease?.worker, `job ${j.id} completed by its holder`);
  }
  const counted = stores.pending.entries();
  check(
    counted.length === pending.size && counted.every(([who, n]) => pending.get(who) === n),
    'pending counters == recount',
  );
  const workers = stores.workers.entries().map(([, w]) => w);
  check(workers.reduce((n, w) => n + w.leases.length, 0) === count('Leased'), 'worker lease lists == Leased jobs');
  check(workers.reduce((n, w) => n + w.completed, 0n) === BigInt(count('Completed')), 'no completion counted twice');
  for (const w of workers)
    check(w.active === (active.get(w.worker) ?? false), `worker ${w.worker} activity follows newest seq`);
  check(counters.workers_active === BigInt(workers.filter((w) => w.active).length), 'workers_active counter');
}

function run(cmds: Cmd[]): void {
  const stores = memoryStores();
  initQueue(stores, { governance: ROLES.governance, registry: ROLES.registryCanister, params: PARAMS });
  let now = T0;
  let seq = 10n;
  const active = new Map<string, boolean>();
  const lastSeq = new Map<string, bigint>();
  let applied = 0n;
  const push = (w: string, on: boolean, s: bigint) => {
    applyMembership(
      stores,
      ROLES.registryCanister,
      now,
      membershipPush(stores, { worker: w, contributor: ROLES.contributor, active: on }, s),
    );
    // The queue applies seqs in order across all workers: a seq it already passed changes nothing.
    if (s > applied) {
      applied = s;
      lastSeq.set(w, s);
      active.set(w, on);
    }
  };
  push(WORKERS[0]!, true, seq++);
  push(WORKERS[1]!, true, seq++);
  const submitted: bigint[] = [];
  const lastStatus = new Map<bigint, string>();
  const issued: Issued[] = [];
  const tokens = new Set<bigint>();
  const chosen = (n: number) => issued[issued.length - 1 - (n % Math.max(1, issued.length))];

  for (const c of cmds) {
    const before = ['complete', 'fail', 'extend', 'cancel'].includes(c.kind) ? snapshot(stores) : undefined;
    switch (c.kind) {
      case 'submit': {
        const r = submit(stores, SUBMITTERS[c.who]!, now, job());
        if ('Ok' in r) submitted.push(r.Ok);
        break;
      }
      case 'lease': {
        const w = WORKERS[c.worker]!;
        const waiting = new Set(
          allJobs(stores)
            .filter((j) => 'Queued' in j.status)
            .map((j) => j.submitter),
        );
        const r = lease(stores, w, now, { models: ['tiny-chat'], max_jobs: c.maxJobs });
        expect('Ok' in r).toBe(active.get(w) === true);
        // Round-robin: one call hands out jobs of as many different submitters as are waiting.
        const got = 'Ok' in r ? r.Ok.map((l) => stores.jobs.get(idKey(l.job_id))!.submitter) : [];
        expect(new Set(got).size).toBe(Math.min(got.length, waiting.size));
        for (const l of 'Ok' in r ? r.Ok : []) {
          expect(tokens.has(l.token)).toBe(false);
          tokens.add(l.token);
          issued.push({ jobId: l.job_id, token: l.token, worker: w });
        }
        break;
      }
      case 'complete': {
        const target = chosen(c.pick);
        if (!target) break;
        const w = c.worker < 0 ? target.worker : WORKERS[c.worker]!;
        const token = c.stale ? target.token + 1n : target.token;
        const prior = stores.jobs.get(idKey(target.jobId));
        if (prior === undefined) break; // pruned after it finished
        const r = complete(stores, w, now, { job_id: target.jobId, token, output: 'o', tokens_in: 1, tokens_out: 1 });
        const holds = prior.lease?.worker === w && prior.lease.token === token && active.get(w) === true;
        const fresh = holds && 'Leased' in prior.status && now < prior.lease!.deadline;
        const repeat = holds && 'Completed' in prior.status;
        // Only the current holder completes, and only once: a repeat is Ok but changes nothing.
        expect('Ok' in r).toBe(fresh || repeat);
        if (repeat || 'Err' in r) expect(snapshot(stores)).toEqual(before);
        break;
      }
      case 'fail': {
        const target = chosen(c.pick);
        if (!target) break;
        const w = c.worker < 0 ? target.worker : WORKERS[c.worker]!;
        const prior = stores.jobs.get(idKey(target.jobId));
        if (prior === undefined) break; // pruned after it finished
        const r = fail(stores, w, now, {
          job_id: target.jobId,
          token: target.token,
          reason: 'x',
          retryable: c.retryable,
        });
        const live =
          'Leased' in prior.status &&
          prior.lease?.worker === w &&
          prior.lease.token === target.token &&
          now < prior.lease.deadline;
        expect('Ok' in r).toBe(live && active.get(w) === true);
        if ('Ok' in r) {
          const after = stores.jobs.get(idKey(target.jobId))!;
          expect(statusName(after)).toBe(c.retryable && prior.attempts < PARAMS.max_attempts ? 'Queued' : 'Failed');
        } else expect(snapshot(stores)).toEqual(before);
        break;
      }
      case 'extend': {
        const target = chosen(c.pick);
        if (!target) break;
        const r = extend(stores, c.worker < 0 ? target.worker : WORKERS[c.worker]!, now, {
          job_id: target.jobId,
          token: target.token,
          seconds: c.seconds,
        });
        if ('Err' in r) expect(snapshot(stores)).toEqual(before);
        break;
      }
      case 'cancel': {
        const id = submitted[c.pick % Math.max(1, submitted.length)];
        if (id === undefined) break;
        const r = cancel(stores, SUBMITTERS[c.who]!, now, id);
        if ('Ok' in r) expect(stores.jobs.get(idKey(id))!.status).toEqual({ Cancelled: null });
        else expect(snapshot(stores)).toEqual(before);
        break;
      }
      case 'maintain': {
        const ttl = BigInt(PARAMS.queued_ttl_seconds) * SECOND;
        const stale = allJobs(stores).filter((j) => 'Queued' in j.status && j.created_at + ttl <= now);
        maintain(stores, now);
        // A job Queued past its TTL expires (the batch is far larger than this world's queue).
        for (const j of stale) expect(statusName(stores.jobs.get(idKey(j.id))!)).toBe('Expired');
        break;
      }
      case 'advance':
        now += BigInt(c.seconds) * SECOND;
        break;
      case 'expire': {
        const due = allJobs(stores).filter((j) => 'Leased' in j.status && j.lease!.deadline <= now);
        const n = expireLeases(stores, now);
        expect(n).toBe(BigInt(Math.min(due.length, LIMITS.expireBatch)));
        // An expired lease returns the job, or fails it once the attempt cap is reached.
        for (const j of due) {
          const after = stores.jobs.get(idKey(j.id))!;
          expect(statusName(after)).toBe(j.attempts >= PARAMS.max_attempts ? 'Failed' : 'Queued');
          expect(after.attempts).toBe(j.attempts);
        }
        break;
      }
      case 'membership': {
        const w = WORKERS[c.worker]!;
        const s = c.stale ? (lastSeq.get(w) ?? 1n) - 1n : seq++;
        const held = allJobs(stores).filter((j) => 'Leased' in j.status && j.lease!.worker === w);
        const wasActive = active.get(w) === true;
        push(w, c.active, s);
        if (wasActive && active.get(w) === false) {
          // Deactivation returns live leases at once, without charging an attempt.
          for (const j of held) {
            const after = stores.jobs.get(idKey(j.id))!;
            expect(statusName(after)).toBe('Queued');
            expect(after.attempts).toBe(j.attempts - 1);
          }
        }
        break;
      }
    }
    checkInvariants(stores, submitted, active, lastStatus);
  }
}

describe('queue properties', () => {
  it('random operation sequences keep every invariant', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 10, maxLength: 60, size: 'max' }), run), { numRuns: 300 });
  });
});
