import { idKey } from '../../shared/domain/keys.ts';
import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, notFound, ok, type Result } from '../../shared/domain/result.ts';
import type { Job, JobStatus, QueueStores } from './model.ts';
import { isPending, statusName } from './state.ts';
import { finish } from './transitions.ts';

/** What a submitter sees of a job: no messages (they sent them) and no lease token. */
export interface JobView {
  id: bigint;
  submitter: PrincipalText;
  model: string;
  max_tokens: number;
  status: JobStatus;
  attempts: number;
  created_at: bigint;
  updated_at: bigint;
}

export function jobView(job: Job): JobView {
  const { id, submitter, model, max_tokens, status, attempts, created_at, updated_at } = job;
  return { id, submitter, model, max_tokens, status, attempts, created_at, updated_at };
}

/**
 * Someone else's job answers NotFound, exactly like a missing one, so job ids reveal nothing. The relay that
 * submitted a job for its submitter (submit_for) holds that submitter's call open and so reads it too.
 */
function ownJob(stores: QueueStores, caller: PrincipalText, jobId: bigint): Result<Job> {
  const job = stores.jobs.get(idKey(jobId));
  if (job === undefined || (job.submitter !== caller && job.via !== caller)) return notFound(`no job ${jobId}`);
  return ok(job);
}

export function getJob(stores: QueueStores, caller: PrincipalText, jobId: bigint): Result<JobView> {
  const found = ownJob(stores, caller, jobId);
  return 'Ok' in found ? ok(jobView(found.Ok)) : found;
}

export function cancel(stores: QueueStores, caller: PrincipalText, now: bigint, jobId: bigint): Result<null> {
  const denied = callerIsSignedIn(caller, 'own jobs');
  if (denied) return denied;
  const found = ownJob(stores, caller, jobId);
  if (!('Ok' in found)) return found;
  const job = found.Ok;
  if (!isPending(job)) return conflict(`job ${jobId} is ${statusName(job)}`);
  finish(stores, job, { Cancelled: null }, now, false);
  return ok(null);
}
