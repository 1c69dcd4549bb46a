import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { checkText } from '../../shared/domain/validate.ts';
import { currentParams } from './config.ts';
import { heldJob } from './holder.ts';
import type { QueueStores } from './model.ts';
import { finish, returnToQueue, updateWorker } from './transitions.ts';
import { touch } from './workers.ts';

export interface FailArgs {
  job_id: bigint;
  token: bigint;
  reason: string;
  retryable: boolean;
}

/** A retryable failure requeues the job while it has attempts left; anything else fails it for good. */
export function fail(stores: QueueStores, caller: PrincipalText, now: bigint, args: FailArgs): Result<null> {
  const held = heldJob(stores, caller, now, args.job_id, args.token);
  if (!('Ok' in held)) return held;
  const params = currentParams(stores);
  const error = checkText('reason', args.reason, params.max_reason_bytes, { required: false });
  if (error) return error;
  const job = held.Ok;
  if (args.retryable) returnToQueue(stores, job, now, true, params.max_attempts, args.reason);
  else finish(stores, job, { Failed: { reason: args.reason, attempts: job.attempts } }, now, false);
  updateWorker(stores, caller, (record) => void (record.failed += 1n));
  touch(stores, caller, now);
  return ok(null);
}
