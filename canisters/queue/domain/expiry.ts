import { idKey } from '../../shared/domain/keys.ts';
import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import type { QueueStores } from './model.ts';
import { LIMITS } from './limits.ts';
import { expireQueued, pruneFinished } from './prune.ts';
import { updateCounters } from './state.ts';
import { returnToQueue, updateWorker } from './transitions.ts';

/**
 * Returns leases whose deadline has passed (at most `limit` per pass), charging the attempt: the
 * job goes back to Queued, or to Failed once it has used max_attempts. The live-lease index is
 * ordered by deadline, so the pass reads only due leases.
 */
export function expireLeases(stores: QueueStores, now: bigint, limit: number = LIMITS.expireBatch): bigint {
  const maxAttempts = currentParams(stores).max_attempts;
  let expired = 0n;
  for (const [key, jobId] of stores.leases.entries(0, limit)) {
    const job = stores.jobs.get(idKey(jobId));
    if (job === undefined || job.lease === undefined || !('Leased' in job.status)) {
      stores.leases.delete(key);
      continue;
    }
    if (job.lease.deadline > now) break;
    const worker = job.lease.worker;
    returnToQueue(stores, job, now, true, maxAttempts, 'lease expired');
    updateWorker(stores, worker, (record) => void (record.expired_leases += 1n));
    expired += 1n;
  }
  if (expired > 0n) updateCounters(stores, (c) => void (c.leases_expired += expired));
  return expired;
}

/** Every timer tick: return due leases, expire jobs queued too long, delete finished jobs past retention. */
export function maintain(stores: QueueStores, now: bigint): bigint {
  const expired = expireLeases(stores, now);
  expireQueued(stores, now);
  pruneFinished(stores, now);
  return expired;
}

/** The same passes on demand, for any signed-in caller (tests, impatient operators); answers the leases returned. */
export function expireLeasesCall(stores: QueueStores, caller: PrincipalText, now: bigint): Result<bigint> {
  return callerIsSignedIn(caller, 'run expiry') ?? ok(maintain(stores, now));
}
