import type { PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import type { Message, QueueStores } from './model.ts';
import { checkModelNames, LIMITS } from './limits.ts';
import { countersCell, updateCounters } from './state.ts';
import { startLease } from './transitions.ts';
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
  max_tokens: number;
  temperature?: number;
  seed?: number;
}

const NANOS_PER_SECOND = 1_000_000_000n;
export const seconds = (s: number): bigint => BigInt(s) * NANOS_PER_SECOND;

/**
 * Hands out the oldest Queued jobs for the given models. Only the first LIMITS.readyScanWindow
 * entries of the ready index are looked at, which bounds the instructions per call; a worker for
 * a rare model may see nothing while older jobs for other models fill the window.
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
  const models = new Set(args.models);
  const picked = stores.ready
    .entries(0, LIMITS.readyScanWindow)
    .filter(([, entry]) => models.has(entry.model))
    .slice(0, wanted);
  const deadline = now + seconds(params.lease_seconds);
  const leases: Lease[] = [];
  for (const [key] of picked) {
    const job = stores.jobs.get(key);
    if (job === undefined) continue;
    const token = countersCell(stores).get().next_token;
    updateCounters(stores, (c) => void (c.next_token += 1n));
    startLease(stores, job, caller, token, now, deadline);
    const { id, model, messages, max_tokens, temperature, seed } = job;
    leases.push({ job_id: id, token, deadline, attempt: job.attempts, model, messages, max_tokens, temperature, seed });
  }
  return ok(leases);
}
