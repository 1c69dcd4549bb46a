import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { Job, JobStatus, QueueStores, WorkerRecord } from './model.ts';
import { pushQueued, removeQueued } from './ready.ts';
import { addPending, finishedKey, leaseKey, updateCounters } from './state.ts';

/**
 * The only places a job changes state. Each keeps the ready index, the live-lease index, the
 * worker's lease list, the pending counters and the totals consistent with the job record.
 */

export function updateWorker(stores: QueueStores, worker: PrincipalText, change: (record: WorkerRecord) => void): void {
  const record = stores.workers.get(worker);
  if (record === undefined) return;
  change(record);
  stores.workers.set(worker, record);
}

/** Queues a job: a new one behind its submitter's other jobs, a returning one (`front`) ahead of them. */
export function enqueue(stores: QueueStores, job: Job, now: bigint, front = false): void {
  job.status = { Queued: null };
  job.lease = undefined;
  job.updated_at = now;
  stores.jobs.set(idKey(job.id), job);
  pushQueued(stores, job, front);
}

export function startLease(
  stores: QueueStores,
  job: Job,
  worker: PrincipalText,
  token: bigint,
  now: bigint,
  deadline: bigint,
): void {
  removeQueued(stores, job.id, job.model, job.submitter);
  job.attempts += 1;
  job.status = { Leased: null };
  job.lease = { worker, token, leased_at: now, deadline };
  job.updated_at = now;
  stores.jobs.set(idKey(job.id), job);
  stores.leases.set(leaseKey(job.lease, job.id), job.id);
  updateWorker(stores, worker, (record) => record.leases.push(job.id));
  updateCounters(stores, (c) => void (c.leases_granted += 1n));
}

export function moveDeadline(stores: QueueStores, job: Job, deadline: bigint, now: bigint): void {
  if (job.lease === undefined) return;
  stores.leases.delete(leaseKey(job.lease, job.id));
  job.lease.deadline = deadline;
  job.updated_at = now;
  stores.jobs.set(idKey(job.id), job);
  stores.leases.set(leaseKey(job.lease, job.id), job.id);
}

/** Drops a live lease from both indexes; the job record keeps `lease` so a completed job remembers its holder. */
function releaseLease(stores: QueueStores, job: Job): void {
  if (!('Leased' in job.status) || job.lease === undefined) return;
  const jobId = job.id;
  stores.leases.delete(leaseKey(job.lease, jobId));
  updateWorker(stores, job.lease.worker, (record) => {
    record.leases = record.leases.filter((id) => id !== jobId);
  });
}

/**
 * Ends a lease without an outcome. A charged return (expiry, retryable failure) fails the job once
 * its attempts reach max_attempts; an uncharged one (worker deactivated) gives the attempt back.
 */
export function returnToQueue(
  stores: QueueStores,
  job: Job,
  now: bigint,
  charged: boolean,
  maxAttempts: number,
  reason: string,
): void {
  releaseLease(stores, job);
  if (!charged) job.attempts = Math.max(0, job.attempts - 1);
  if (charged && job.attempts >= maxAttempts) {
    finish(stores, job, { Failed: { reason, attempts: job.attempts } }, now, false);
    return;
  }
  enqueue(stores, job, now, true);
}

/** Moves a pending job to a final state; it is kept for retention_seconds from now (see prune.ts). */
export function finish(stores: QueueStores, job: Job, status: JobStatus, now: bigint, keepLease = true): void {
  releaseLease(stores, job);
  removeQueued(stores, job.id, job.model, job.submitter);
  if (!keepLease) job.lease = undefined;
  job.status = status;
  job.updated_at = now;
  stores.jobs.set(idKey(job.id), job);
  stores.finished.set(finishedKey(now, job.id), job.id);
  addPending(stores, job.submitter, -1);
  updateCounters(stores, (c) => {
    if ('Completed' in status) c.completed += 1n;
    else if ('Failed' in status) c.failed += 1n;
    else if ('Cancelled' in status) c.cancelled += 1n;
    else if ('Expired' in status) c.expired += 1n;
  });
}
