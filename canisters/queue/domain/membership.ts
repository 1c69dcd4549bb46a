import { callerIsRegistry } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { idKey } from '../../shared/domain/keys.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkCount } from '../../shared/domain/validate.ts';
import { currentParams } from './config.ts';
import type { MembershipProgress, QueueStores, WorkerRecord } from './model.ts';
import { LIMITS } from './limits.ts';
import { configCell, countersCell, updateCounters } from './state.ts';
import { returnToQueue } from './transitions.ts';
import { addToWorkerOrder } from './workers.ts';

/** Pushed by the registry whenever a worker key's effective activity changes. */
export interface MembershipUpdate {
  seq: bigint;
  worker: PrincipalText;
  contributor: PrincipalText;
  active: boolean;
}

/**
 * One push of the registry. `epoch` names the registry's sequence of seqs (a reinstall or a restore
 * starts a new one); seqs are contiguous within an epoch. `snapshot` is set while the registry sends
 * its full set of keys as the seqs from..to: once the queue has them all, every worker the snapshot did
 * not name is deactivated.
 */
export interface MembershipBatch {
  epoch: bigint;
  snapshot: { from: bigint; to: bigint } | undefined;
  /** A seq the registry gave up on (the queue could not apply it): passed over, not a gap. */
  skip: bigint | undefined;
  updates: MembershipUpdate[];
}

/** What the queue holds after a push: the registry acknowledges up to `seq`, or sends a snapshot. */
export interface MembershipAck {
  epoch: bigint;
  seq: bigint;
  snapshot_needed: boolean;
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

const NONE: MembershipProgress = { epoch: 0n, seq: 0n, sweep_to: undefined };
export const membershipProgress = (stores: QueueStores): MembershipProgress =>
  countersCell(stores).get().membership ?? NONE;

/**
 * Applies a push in seq order. A batch that does not continue where the queue stands (another epoch,
 * or a gap: a queue or registry reinstall or restore, a lost push) is not applied: the ack asks for a
 * snapshot instead, so the two cannot drift apart for good. Seqs the queue already holds are skipped,
 * so the registry may retry freely. Deactivation returns the worker's live leases at once, without
 * charging the jobs an attempt: the job did not fail, its worker was removed.
 */
export function applyMembership(
  stores: QueueStores,
  caller: PrincipalText,
  now: bigint,
  batch: MembershipBatch,
): Result<MembershipAck> {
  const denied = callerIsRegistry(caller, configCell(stores).get().registry);
  if (denied) return denied;
  const tooMany = checkCount('updates', batch.updates.length, LIMITS.membershipBatch);
  if (tooMany) return tooMany;
  const gapped = batch.updates.some((u, i) => i > 0 && u.seq !== (batch.updates[i - 1] as MembershipUpdate).seq + 1n);
  if (gapped) return invalidInput('updates must have contiguous seqs');

  let progress = membershipProgress(stores);
  const { snapshot, skip } = batch;
  if (snapshot !== undefined && (batch.epoch !== progress.epoch || progress.seq < snapshot.from - 1n)) {
    progress = { epoch: batch.epoch, seq: snapshot.from - 1n, sweep_to: snapshot.to };
  }
  if (skip !== undefined && batch.epoch === progress.epoch && progress.seq === skip - 1n) {
    progress = { ...progress, seq: skip };
  }
  const first = batch.updates[0]?.seq;
  if (batch.epoch !== progress.epoch || (first !== undefined && first > progress.seq + 1n)) {
    const held = membershipProgress(stores);
    return ok({ epoch: held.epoch, seq: held.seq, snapshot_needed: true });
  }

  for (const update of batch.updates) {
    if (update.seq <= progress.seq) continue;
    applyOne(stores, batch.epoch, update, now);
    progress = { ...progress, seq: update.seq };
  }
  if (progress.sweep_to !== undefined && progress.seq >= progress.sweep_to) {
    sweepUnnamed(stores, progress.epoch, now);
    progress = { ...progress, sweep_to: undefined };
  }
  const saved = progress;
  updateCounters(stores, (c) => void (c.membership = saved));
  return ok({ epoch: saved.epoch, seq: saved.seq, snapshot_needed: false });
}

function applyOne(stores: QueueStores, epoch: bigint, update: MembershipUpdate, now: bigint): void {
  const known = stores.workers.get(update.worker);
  if (known === undefined) addToWorkerOrder(stores, update.worker);
  const record = known ?? newWorker(update.worker, update.contributor);
  setActivity(stores, { ...record, seq: update.seq, epoch, contributor: update.contributor }, update.active, now);
}

/** Stores the record with its new activity; a deactivation returns its live leases. */
function setActivity(stores: QueueStores, record: WorkerRecord, active: boolean, now: bigint): void {
  const wasActive = record.active;
  stores.workers.set(record.worker, { ...record, active, leases: wasActive && !active ? [] : record.leases });
  if (wasActive !== active) updateCounters(stores, (c) => void (c.workers_active += active ? 1n : -1n));
  if (wasActive && !active) returnLeases(stores, record.leases, now);
}

/** After a snapshot: a worker it did not name is no key of the registry any more. */
function sweepUnnamed(stores: QueueStores, epoch: bigint, now: bigint): void {
  for (const [, record] of stores.workers.entries()) {
    if (record.epoch !== epoch && record.active) setActivity(stores, record, false, now);
  }
}

/**
 * The worker's lease list was emptied in the same write that deactivated it, so each job's release
 * finds nothing left to filter: returning n leases is linear, not n list rewrites of up to n ids.
 */
function returnLeases(stores: QueueStores, jobIds: bigint[], now: bigint): void {
  const maxAttempts = currentParams(stores).max_attempts;
  for (const jobId of jobIds) {
    const job = stores.jobs.get(idKey(jobId));
    if (job !== undefined && 'Leased' in job.status)
      returnToQueue(stores, job, now, false, maxAttempts, 'worker deactivated');
  }
}
