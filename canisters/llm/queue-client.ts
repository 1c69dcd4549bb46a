/** The queue methods the llm canister calls, typed by the queue's own interface, and its values in and out. */
import type { Idl } from '../shared/idl.ts';
import { queueTypes } from '../queue/interface.ts';
import type { JobStatus } from './domain/hold.ts';
import type { Job, JobToolCall } from './domain/chat.ts';

export function queueClientTypes(IDL: Idl) {
  const Q = queueTypes(IDL);
  return {
    submit_for: { paramIdlTypes: [IDL.Principal, Q.SubmitArgs], returnIdlType: Q.result(IDL.Nat64) },
    get_job: { paramIdlTypes: [IDL.Nat64], returnIdlType: Q.result(Q.Job) },
    cancel: { paramIdlTypes: [IDL.Nat64], returnIdlType: Q.UnitResult },
  };
}

type Opt<T> = [] | [T];
const opt = <T>(value: T | undefined): Opt<T> => (value === undefined ? [] : [value]);

/** The queue's SubmitArgs for a job (tool fields are the queue's opt extension of its Message and SubmitArgs). */
export function submitArgs(job: Job) {
  return {
    model: job.model,
    messages: job.messages.map((m) => ({
      role: m.role,
      content: m.content,
      tool_calls: opt(m.tool_calls),
      tool_call_id: opt(m.tool_call_id),
    })),
    tools: opt(
      job.tools?.map((t) => ({ name: t.name, description: opt(t.description), parameters: opt(t.parameters) })),
    ),
    max_tokens: job.max_tokens,
    temperature: [],
    seed: [],
  };
}

interface CandidStatus {
  Completed?: { output: string; tool_calls?: Opt<JobToolCall[]> };
}

export function statusFromCandid(status: JobStatus | CandidStatus): JobStatus {
  const completed = (status as CandidStatus).Completed;
  if (completed === undefined) return status as JobStatus;
  return { Completed: { output: completed.output, tool_calls: completed.tool_calls?.[0] ?? [] } };
}
