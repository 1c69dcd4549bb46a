import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, limitExceeded, ok, type Result } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import { heldJob } from './holder.ts';
import { lease, type Lease, type LeaseArgs } from './lease.ts';
import type { Job, QueueStores } from './model.ts';
import { checkToolCalls, toolCallBytes, type ToolCall } from './tools.ts';
import { finish, updateWorker } from './transitions.ts';
import { recordLatency } from './latency-histogram.ts';
import { activeWorker } from './workers.ts';

export interface CompleteArgs {
  job_id: bigint;
  token: bigint;
  output: string;
  tokens_in: number;
  tokens_out: number;
  /** The model's calls of the job's tools (absent or empty: it answered in text). */
  tool_calls?: ToolCall[];
}

const NANOS_PER_MS = 1_000_000n;
const utf8 = new TextEncoder();

/** A retry of a completion that already landed (same holder, same token) is answered Ok again. */
function alreadyCompletedBy(stores: QueueStores, caller: PrincipalText, args: CompleteArgs): boolean {
  const job = stores.jobs.get(idKey(args.job_id));
  return (
    job !== undefined && 'Completed' in job.status && job.lease?.worker === caller && job.lease.token === args.token
  );
}

/** Output and tool calls share max_output_bytes; calls must name the job's own tools. */
function checkResult(stores: QueueStores, job: Job, args: CompleteArgs) {
  const params = currentParams(stores);
  const calls = args.tool_calls ?? [];
  const bytes = utf8.encode(args.output).length + calls.reduce((sum, call) => sum + toolCallBytes(call), 0);
  if (bytes > params.max_output_bytes) {
    return limitExceeded(`output and tool calls are ${bytes} bytes; the limit is ${params.max_output_bytes}`);
  }
  if (args.tokens_out > job.max_tokens)
    return invalidInput(`tokens_out exceeds the job's max_tokens ${job.max_tokens}`);
  const offered = new Set((job.tools ?? []).map((tool) => tool.name));
  return checkToolCalls('tool_calls', calls, params.max_tool_calls, offered);
}

export function complete(stores: QueueStores, caller: PrincipalText, now: bigint, args: CompleteArgs): Result<null> {
  const worker = activeWorker(stores, caller);
  if (!('Ok' in worker)) return worker;
  if (alreadyCompletedBy(stores, caller, args)) return ok(null);
  const held = heldJob(stores, caller, now, args.job_id, args.token);
  if (!('Ok' in held)) return held;
  const job = held.Ok;
  const error = checkResult(stores, job, args);
  if (error) return error;
  const latency = (now - job.lease!.leased_at) / NANOS_PER_MS;
  const { output, tokens_in, tokens_out } = args;
  const tool_calls = args.tool_calls?.length ? args.tool_calls : undefined;
  const completion = { output, tokens_in, tokens_out, tool_calls, worker: caller, completed_at: now };
  finish(stores, job, { Completed: completion }, now);
  updateWorker(stores, caller, (record) => {
    record.completed += 1n;
    record.latency_ms_total += latency;
    if (latency > record.latency_ms_max) record.latency_ms_max = latency;
    recordLatency((record.latency_histogram ??= {}), latency);
    record.last_seen = now;
  });
  return ok(null);
}

/**
 * A worker's completion and its next lease in one call. Each result stands alone: a completion the
 * queue refuses (the lease was lost meanwhile) does not stop the worker from getting new work.
 */
export function completeAndLease(
  stores: QueueStores,
  caller: PrincipalText,
  now: bigint,
  done: CompleteArgs,
  next: LeaseArgs,
): { complete: Result<null>; lease: Result<Lease[]> } {
  return { complete: complete(stores, caller, now, done), lease: lease(stores, caller, now, next) };
}
