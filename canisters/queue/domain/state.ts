import { idKey } from '../../shared/domain/keys.ts';
import { Cell } from '../../shared/domain/store.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { Counters, Job, JobLease, QueueConfig, QueueStores } from './model.ts';
import { DEFAULT_PARAMS } from './params.ts';

export const initialCounters = (): Counters => ({
  next_job_id: 1n,
  next_token: 1n,
  submitted: 0n,
  completed: 0n,
  failed: 0n,
  cancelled: 0n,
  expired: 0n,
  leases_granted: 0n,
  leases_expired: 0n,
  workers_active: 0n,
});

export function configCell(stores: QueueStores): Cell<QueueConfig> {
  // Before init there is no governance or registry: the empty text matches no caller.
  return new Cell(stores.config, () => ({ governance: '', registry: '', params: DEFAULT_PARAMS }));
}

export function countersCell(stores: QueueStores): Cell<Counters> {
  return new Cell(stores.counters, initialCounters);
}

export function updateCounters(stores: QueueStores, change: (counters: Counters) => void): Counters {
  const cell = countersCell(stores);
  const counters = cell.get();
  change(counters);
  cell.set(counters);
  return counters;
}

export const leaseKey = (lease: JobLease, jobId: bigint): string => `${idKey(lease.deadline)}:${idKey(jobId)}`;
export const finishedKey = (finishedAt: bigint, jobId: bigint): string => `${idKey(finishedAt)}:${idKey(jobId)}`;

export function addPending(stores: QueueStores, submitter: PrincipalText, delta: number): void {
  const next = (stores.pending.get(submitter) ?? 0) + delta;
  if (next <= 0) stores.pending.delete(submitter);
  else stores.pending.set(submitter, next);
}

export function statusName(job: Job): string {
  return Object.keys(job.status)[0] as string;
}

export const isPending = (job: Job): boolean => 'Queued' in job.status || 'Leased' in job.status;
