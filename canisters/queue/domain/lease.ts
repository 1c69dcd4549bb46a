import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import type { Message, QueueStores } from './model.ts';
import { checkModelNames } from './limits.ts';
import { popQueued } from './ready.ts';
import { countersCell, updateCounters } from './state.ts';
import { startLease } from './transitions.ts';
import type { Tool } from './tools.ts';
import { activeWorker, touch } from './workers.ts';

export interface LeaseArgs {
  models: string[];
  max_jobs: number;
}

export interface Lease {
  job_id: bigint;
  token: bigint;
  deadline: bigint;
  attempt: number;
  model: string;
  messages: Message[];
  tools?: Tool[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
}

const NANOS_PER_SECOND = 1_000_000_000n;
export const seconds = (s: number): bigint => BigInt(s) * NANOS_PER_SECOND;

/**
 * Hands out Queued jobs of the given models: one per model in turn, and within a model one per
 * submitter in turn (see ready.ts), so neither another model's backlog nor another submitter's burst
 * can hide a job. Each job costs a few keyed store operations, whatever the queue's length.
 */
export function lease(stores: QueueStores, caller: PrincipalText, now: bigint, args: LeaseArgs): Result<Lease[]> {
  const found = activeWorker(stores, caller);
  if (!('Ok' in found)) return found;
  const modelError = checkModelNames('models', args.models);
  if (modelError) return modelError;
  if (args.max_jobs < 1) return invalidInput('max_jobs must be at least 1');
  touch(stores, caller, now);
  const params = currentParams(stores);
  const room = params.max_leases_per_worker - found.Ok.leases.length;
  const wanted = Math.min(args.max_jobs, params.max_jobs_per_lease, Math.max(0, room));
  const deadline = now + seconds(params.lease_seconds);
  const leases: Lease[] = [];
  for (const jobId of pickRoundRobin(stores, args.models, wanted)) {
    const job = stores.jobs.get(idKey(jobId));
    if (job === undefined) continue;
    const token = countersCell(stores).get().next_token;
    updateCounters(stores, (c) => void (c.next_token += 1n));
    startLease(stores, job, caller, token, now, deadline);
    const { id, model, messages, tools, max_tokens, temperature, seed } = job;
    const attempt = job.attempts;
    leases.push({ job_id: id, token, deadline, attempt, model, messages, tools, max_tokens, temperature, seed });
  }
  return ok(leases);
}

function pickRoundRobin(stores: QueueStores, models: string[], wanted: number): bigint[] {
  const picked: bigint[] = [];
  let serving = [...new Set(models)];
  while (picked.length < wanted && serving.length > 0) {
    const stillQueued: string[] = [];
    for (const model of serving) {
      if (picked.length >= wanted) break;
      const jobId = popQueued(stores, model);
      if (jobId === undefined) continue;
      picked.push(jobId);
      stillQueued.push(model);
    }
    serving = stillQueued;
  }
  return picked;
}
