import { idKey, keyId } from '../../shared/domain/keys.ts';
import { currentParams } from './config.ts';
import type { QueueStores } from './model.ts';
import { LIMITS } from './limits.ts';
import { finish } from './transitions.ts';
import { seconds } from './lease.ts';

/**
 * Queued jobs older than queued_ttl_seconds (counted from submission) become Expired, oldest first.
 * The ready index is in id order, which is submission order, so a pass reads only the jobs due.
 */
export function expireQueued(stores: QueueStores, now: bigint, limit: number = LIMITS.expireBatch): bigint {
  const ttl = seconds(currentParams(stores).queued_ttl_seconds);
  let expired = 0n;
  for (const [key] of stores.ready.entries(0, limit)) {
    const job = stores.jobs.get(key);
    if (job === undefined) continue;
    if (job.created_at + ttl > now) break;
    finish(stores, job, { Expired: null }, now, false);
    expired += 1n;
  }
  return expired;
}

/**
 * Deletes finished jobs retention_seconds after they finished; until then the submitter reads the
 * result with get_job. The finished index is ordered by finish time, so a pass reads only the jobs due.
 */
export function pruneFinished(stores: QueueStores, now: bigint, limit: number = LIMITS.pruneBatch): bigint {
  const retention = seconds(currentParams(stores).retention_seconds);
  return pruneOldest(stores, limit, (finishedAt) => finishedAt + retention <= now);
}

/**
 * Keeps at most max_queued_jobs finished jobs, so a flood of short-lived jobs cannot grow the store
 * within one retention period: each submit first deletes the oldest finished jobs beyond that (at most
 * two, which outpaces the one job a submit adds). Stored jobs stay below 2 × max_queued_jobs.
 */
export function evictFinished(stores: QueueStores): void {
  const excess = stores.finished.size() - currentParams(stores).max_queued_jobs + 1;
  if (excess > 0) pruneOldest(stores, Math.min(excess, 2), () => true);
}

function pruneOldest(stores: QueueStores, limit: number, due: (finishedAt: bigint) => boolean): bigint {
  let pruned = 0n;
  for (const [key, jobId] of stores.finished.entries(0, limit)) {
    if (!due(keyId(key.slice(0, key.indexOf(':'))))) break;
    stores.jobs.delete(idKey(jobId));
    stores.finished.delete(key);
    pruned += 1n;
  }
  return pruned;
}
