import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, invalidInput, notFound, ok, unauthorized, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import type { Job, QueueStores } from './model.ts';
import { statusName } from './state.ts';
import { moveDeadline } from './transitions.ts';
import { seconds } from './lease.ts';
import { activeWorker, touch } from './workers.ts';

/** The job, when `caller` holds its live lease under `token` and the lease has not expired. */
export function heldJob(
  stores: QueueStores,
  caller: PrincipalText,
  now: bigint,
  jobId: bigint,
  token: bigint,
): Result<Job> {
  const worker = activeWorker(stores, caller);
  if (!('Ok' in worker)) return worker;
  const job = stores.jobs.get(idKey(jobId));
  if (job === undefined) return notFound(`no job ${jobId}`);
  if (!('Leased' in job.status) || job.lease === undefined) return conflict(`job ${jobId} is ${statusName(job)}`);
  if (job.lease.worker !== caller) return unauthorized(`job ${jobId} is leased to another worker`);
  if (job.lease.token !== token) return conflict(`token ${token} is not the current lease of job ${jobId}`);
  if (now >= job.lease.deadline) return conflict(`the lease on job ${jobId} has expired`);
  return ok(job);
}

export interface ExtendArgs {
  job_id: bigint;
  token: bigint;
  seconds: number;
}

/** Pushes the deadline out to now + seconds, never past lease start + max_lease_seconds. */
export function extend(stores: QueueStores, caller: PrincipalText, now: bigint, args: ExtendArgs): Result<bigint> {
  const held = heldJob(stores, caller, now, args.job_id, args.token);
  if (!('Ok' in held)) return held;
  if (args.seconds < 1) return invalidInput('seconds must be at least 1');
  const job = held.Ok;
  const lease = job.lease!;
  const cap = lease.leased_at + seconds(currentParams(stores).max_lease_seconds);
  const wanted = now + seconds(args.seconds);
  const current = lease.deadline;
  const deadline = wanted < cap ? wanted : cap;
  if (deadline > current) moveDeadline(stores, job, deadline, now);
  touch(stores, caller, now);
  return ok(deadline > current ? deadline : current);
}
