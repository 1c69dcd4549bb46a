/** The queue canister's types, derived from the generated declarations (the one source: queue.did). */
import type { _SERVICE } from '../declarations/queue.did.ts';
import type { ArgOf, OkOf, ReturnOf, SomeOf } from '../utils/service-types.ts';

export type QueueService = _SERVICE;
type S = _SERVICE;

export type CandidSubmitArgs = ArgOf<S['submit']>;
export type CandidMessage = CandidSubmitArgs['messages'][number];
export type CandidTool = NonNullable<CandidSubmitArgs['tools'][0]>[number];
/** A call of one of the job's tools; `arguments` is a JSON object as text. */
export type ToolCall = NonNullable<CandidMessage['tool_calls'][0]>[number];
/** A function the model may call; `parameters` is a JSON Schema object as text (Candid: opt fields). */
export type Tool = Pick<CandidTool, 'name'> & { description?: string; parameters?: string };
/** A chat turn: an Assistant turn may carry `tool_calls`, a Tool turn names the call it answers (Candid: opt). */
export type Message = Omit<CandidMessage, 'tool_calls' | 'tool_call_id'> & {
  tool_calls?: ToolCall[];
  tool_call_id?: string;
};
export type MessageRole = Message['role'];
type ChatOptions = { messages: Message[]; tools?: Tool[]; temperature?: number; seed?: number };
/** A chat job to submit; `tools`, `temperature` and `seed` may be left out (Candid: opt). */
export type SubmitParams = Omit<CandidSubmitArgs, keyof ChatOptions> & ChatOptions;
export type Job = OkOf<S['get_job']>;
export type JobStatus = Job['status'];
export type LeaseArgs = ArgOf<S['lease']>;
export type CandidLease = OkOf<S['lease']>[number];
/** A leased job with `tools`, `temperature` and `seed` as `undefined` when the submitter left them out (Candid: opt). */
export type Lease = Omit<CandidLease, keyof ChatOptions> & ChatOptions;
export type ExtendArgs = ArgOf<S['extend']>;
export type CandidCompleteArgs = ArgOf<S['complete']>;
/** A job's result: the text, and the model's tool calls when it made some (Candid: opt). */
export type CompleteArgs = Omit<CandidCompleteArgs, 'tool_calls'> & { tool_calls?: ToolCall[] };
export type FailArgs = ArgOf<S['fail']>;
export type HeartbeatArgs = ArgOf<S['heartbeat']>;
/** The registry's membership push: its epoch, a snapshot's range, a skipped seq, the updates. */
export type MembershipBatch = ArgOf<S['apply_membership']>;
export type MembershipAck = OkOf<S['apply_membership']>;
export type QueueParams = ReturnOf<S['get_params']>;
export type CandidWorkerStats = SomeOf<S['get_worker']>;
/**
 * A worker's figures with `last_heartbeat`, `last_seen` and the latency quantiles (p50/p95, from a log-scale
 * histogram: within ±9 %) as `undefined` before the first one (Candid: opt).
 */
export type WorkerStats = Omit<
  CandidWorkerStats,
  'last_heartbeat' | 'last_seen' | 'latency_ms_p50' | 'latency_ms_p95'
> & {
  last_heartbeat?: bigint;
  last_seen?: bigint;
  latency_ms_p50?: bigint;
  latency_ms_p95?: bigint;
};
export type QueueMetrics = ReturnOf<S['metrics']>;
export type HttpRequest = ArgOf<S['http_request']>;
export type HttpResponse = ReturnOf<S['http_request']>;
