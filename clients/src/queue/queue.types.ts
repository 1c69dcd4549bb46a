/** The queue canister's types, derived from the generated declarations (the one source: queue.did). */
import type { _SERVICE } from '../declarations/queue.did.ts';
import type { ArgOf, OkOf, ReturnOf, SomeOf } from '../utils/service-types.ts';

export type QueueService = _SERVICE;
type S = _SERVICE;

export type CandidSubmitArgs = ArgOf<S['submit']>;
/** A chat job to submit; `temperature` and `seed` are left out for the worker's defaults (Candid: opt). */
export type SubmitParams = Omit<CandidSubmitArgs, 'temperature' | 'seed'> & { temperature?: number; seed?: number };
export type Message = CandidSubmitArgs['messages'][number];
export type MessageRole = Message['role'];
export type Job = OkOf<S['get_job']>;
export type JobStatus = Job['status'];
export type LeaseArgs = ArgOf<S['lease']>;
export type CandidLease = OkOf<S['lease']>[number];
/** A leased job with `temperature` and `seed` as `undefined` when the submitter left them out (Candid: opt). */
export type Lease = Omit<CandidLease, 'temperature' | 'seed'> & { temperature?: number; seed?: number };
export type ExtendArgs = ArgOf<S['extend']>;
export type CompleteArgs = ArgOf<S['complete']>;
export type FailArgs = ArgOf<S['fail']>;
export type HeartbeatArgs = ArgOf<S['heartbeat']>;
/** The registry's membership push: its epoch, a snapshot's range, a skipped seq, the updates. */
export type MembershipBatch = ArgOf<S['apply_membership']>;
export type MembershipAck = OkOf<S['apply_membership']>;
export type QueueParams = ReturnOf<S['get_params']>;
export type CandidWorkerStats = SomeOf<S['get_worker']>;
/** A worker's figures with `last_heartbeat` and `last_seen` as `undefined` before the first one (Candid: opt). */
export type WorkerStats = Omit<CandidWorkerStats, 'last_heartbeat' | 'last_seen'> & {
  last_heartbeat?: bigint;
  last_seen?: bigint;
};
export type QueueMetrics = ReturnOf<S['metrics']>;
export type HttpRequest = ArgOf<S['http_request']>;
export type HttpResponse = ReturnOf<S['http_request']>;
