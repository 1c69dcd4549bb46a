import { idKey } from '../../shared/domain/keys.ts';
import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import type { QueueStores } from './model.ts';
import { LIMITS } from './limits.ts';
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

/** The same pass on demand, for any signed-in caller (tests, impatient operators). */
export function expireLeasesCall(stores: QueueStores, caller: PrincipalText, now: bigint): Result<bigint> {
  return callerIsSignedIn(caller, 'run expiry') ?? ok(expireLeases(stores, now));
}
