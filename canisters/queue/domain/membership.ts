import { callerIsRegistry } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { idKey } from '../../shared/domain/keys.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { checkCount } from '../../shared/domain/validate.ts';
import { currentParams } from './config.ts';
import type { QueueStores, WorkerRecord } from './model.ts';
import { LIMITS } from './limits.ts';
import { configCell, updateCounters } from './state.ts';
import { returnToQueue } from './transitions.ts';

/** Pushed by the registry whenever a worker key's effective activity changes. */
export interface MembershipUpdate {
  seq: bigint;
  worker: PrincipalText;
  contributor: PrincipalText;
  active: boolean;
}

export const newWorker = (worker: PrincipalText, contributor: PrincipalText): WorkerRecord => ({
  worker,
  contributor,
  active: false,
  seq: 0n,
  completed: 0n,
  failed: 0n,
  expired_leases: 0n,
  latency_ms_total: 0n,
  latency_ms_max: 0n,
  models: [],
  version: '',
  in_flight: 0,
  leases: [],
});

/**
 * Applies each update whose seq is newer than the last one applied for that worker, so the
 * registry may retry or reorder freely. Deactivation returns the worker's live leases at once,
 * without charging the jobs an attempt: the job did not fail, its worker was removed.
 */
export function applyMembership(
  stores: QueueStores,
  caller: PrincipalText,
  now: bigint,
  updates: MembershipUpdate[],
): Result<bigint> {
  const denied = callerIsRegistry(caller, configCell(stores).get().registry);
  if (denied) return denied;
  const tooMany = checkCount('updates', updates.length, LIMITS.membershipBatch);
  if (tooMany) return tooMany;
  let applied = 0n;
  for (const update of updates) {
    const record = stores.workers.get(update.worker) ?? newWorker(update.worker, update.contributor);
    if (stores.workers.has(update.worker) && update.seq <= record.seq) continue;
    const wasActive = record.active;
    record.seq = update.seq;
    record.contributor = update.contributor;
    record.active = update.active;
    stores.workers.set(update.worker, record);
    if (wasActive !== update.active) updateCounters(stores, (c) => void (c.workers_active += update.active ? 1n : -1n));
    if (wasActive && !update.active) returnLeases(stores, record, now);
    applied += 1n;
  }
  return ok(applied);
}

function returnLeases(stores: QueueStores, record: WorkerRecord, now: bigint): void {
  const maxAttempts = currentParams(stores).max_attempts;
  for (const jobId of record.leases) {
    const job = stores.jobs.get(idKey(jobId));
    if (job !== undefined && 'Leased' in job.status)
      returnToQueue(stores, job, now, false, maxAttempts, 'worker deactivated');
  }
}
