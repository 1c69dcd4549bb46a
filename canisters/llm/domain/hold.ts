import type { JobToolCall } from './chat.ts';

/**
 * The held call: v0_chat/v1_chat submit a job and then, one inter-canister call per round, read its status
 * until it is done. A call context can only be answered from its own message or its callbacks, so the
 * answer must come from this loop; `nextStep` is its pure decision.
 */
export type JobStatus =
  | { Queued: null }
  | { Leased: null }
  | { Completed: { output: string; tool_calls?: JobToolCall[] } }
  | { Failed: { reason: string; attempts: number } }
  | { Cancelled: null }
  | { Expired: null };

export type Outcome = 'replied' | 'timeout' | 'failed' | 'cancelled' | 'expired' | 'refused';

export type Step =
  | { wait: null }
  | { reply: { output: string; tool_calls: JobToolCall[] } }
  | { reject: string; outcome: Outcome; cancel: boolean };

export function nextStep(jobId: bigint, status: JobStatus, now: bigint, deadline: bigint): Step {
  if ('Completed' in status)
    return { reply: { output: status.Completed.output, tool_calls: status.Completed.tool_calls ?? [] } };
  if ('Failed' in status) {
    const { reason, attempts } = status.Failed;
    return { reject: `job ${jobId} failed after ${attempts} attempt(s): ${reason}`, outcome: 'failed', cancel: false };
  }
  if ('Cancelled' in status) return { reject: `job ${jobId} was cancelled`, outcome: 'cancelled', cancel: false };
  if ('Expired' in status) {
    return { reject: `job ${jobId} expired in the queue: no worker served it`, outcome: 'expired', cancel: false };
  }
  if (now >= deadline) {
    return {
      reject: `timed out: no worker completed job ${jobId} within the llm canister's timeout_seconds; the job is cancelled`,
      outcome: 'timeout',
      cancel: true,
    };
  }
  return { wait: null };
}

/**
 * A read of the job that failed (the queue answered Err or the call was rejected): the held call gives up, so the
 * job, which may still be queued or running, is cancelled — no worker should serve an answer no one will receive.
 */
export function lostJob(jobId: bigint, reason: string): Step {
  return {
    reject: `job ${jobId}: ${reason}; given up, its cancel is asked of the queue`,
    outcome: 'failed',
    cancel: true,
  };
}
