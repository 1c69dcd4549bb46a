import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { Store } from '../../shared/domain/store.ts';
import type { LatencyHistogram } from './latency-histogram.ts';
import type { QueueParams } from './params.ts';
import type { Tool, ToolCall } from './tools.ts';

export type MessageRole = { System: null } | { User: null } | { Assistant: null } | { Tool: null };

export interface Message {
  role: MessageRole;
  content: string;
  /** An Assistant turn that called tools. */
  tool_calls?: ToolCall[];
  /** A Tool turn: the id of the call it answers. */
  tool_call_id?: string;
}

export interface Completion {
  output: string;
  tokens_in: number;
  tokens_out: number;
  /** The model's tool calls, for the submitter to run (absent when it answered in text only). */
  tool_calls?: ToolCall[];
  worker: PrincipalText;
  completed_at: bigint;
}

export type JobStatus =
  | { Queued: null }
  | { Leased: null }
  | { Completed: Completion }
  | { Failed: { reason: string; attempts: number } }
  | { Cancelled: null }
  /** Waited queued_ttl_seconds from submission without being handed out. */
  | { Expired: null };

/** The lease a job is (or, once completed, was last) held under. */
export interface JobLease {
  worker: PrincipalText;
  token: bigint;
  leased_at: bigint;
  deadline: bigint;
}

export interface Job {
  id: bigint;
  submitter: PrincipalText;
  model: string;
  messages: Message[];
  /** Functions the model may call instead of answering in text. */
  tools?: Tool[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
  status: JobStatus;
  /** Leases charged so far. */
  attempts: number;
  created_at: bigint;
  updated_at: bigint;
  lease?: JobLease;
  /** The relay (the llm canister) that submitted it for `submitter` with submit_for; it may read and cancel it. */
  via?: PrincipalText;
}

export interface WorkerRecord {
  worker: PrincipalText;
  contributor: PrincipalText;
  active: boolean;
  /** Seq of the last applied MembershipUpdate. */
  seq: bigint;
  /** Registry membership epoch of that update (absent in records from before epochs). */
  epoch?: bigint;
  completed: bigint;
  failed: bigint;
  expired_leases: bigint;
  latency_ms_total: bigint;
  latency_ms_max: bigint;
  /** Completion latencies for p50/p95 (latency-histogram.ts); absent in records from before it. */
  latency_histogram?: LatencyHistogram;
  last_heartbeat?: bigint;
  last_seen?: bigint;
  models: string[];
  version: string;
  in_flight: number;
  /** Job ids this worker holds live leases on. */
  leases: bigint[];
}

export interface QueueConfig {
  governance: PrincipalText;
  registry: PrincipalText;
  params: QueueParams;
  /** The llm canister, the one caller of submit_for (absent: nobody may relay). */
  llm?: PrincipalText;
  /** The stable layout the state is in (layout.ts); absent in state written before layouts were numbered. */
  layout?: number;
}

export interface Counters {
  next_job_id: bigint;
  next_token: bigint;
  submitted: bigint;
  completed: bigint;
  failed: bigint;
  cancelled: bigint;
  expired: bigint;
  leases_granted: bigint;
  leases_expired: bigint;
  workers_active: bigint;
  /** Where the registry's membership pushes stand (absent until the first push). */
  membership?: MembershipProgress;
}

/** The registry epoch and the last seq applied in it; sweep_to: the end of a snapshot still arriving. */
export interface MembershipProgress {
  epoch: bigint;
  seq: bigint;
  sweep_to: bigint | undefined;
}

/**
 * One submitter's Queued jobs of one model: a FIFO linked through `queuedLinks` (head served first).
 * The lanes of a model form a ring (`next`/`prev` name submitters) that lease() walks round-robin.
 */
export interface Lane {
  head: bigint;
  tail: bigint;
  next: PrincipalText;
  prev: PrincipalText;
}

export interface QueuedLink {
  prev?: bigint;
  next?: bigint;
}

/** A model's Queued jobs: how many, and the submitter whose lane is served next. */
export interface ModelQueue {
  queued: number;
  cursor: PrincipalText;
}

/**
 * All queue state. Every index over `jobs` is read and written by key (O(log n)), never scanned:
 * ready holds every Queued job (key idKey(id), so oldest first: queued-TTL expiry reads its head);
 * lanes, queuedLinks and modelQueues are the per-model, per-submitter FIFOs lease() serves from;
 * leases holds every live lease keyed by deadline then job id, so expiry reads only the leases that
 * are due; finished holds every finished job keyed by finish time then id, so pruning reads only
 * the jobs past retention.
 */
export interface QueueStores {
  config: Store<QueueConfig>;
  counters: Store<Counters>;
  jobs: Store<Job>;
  ready: Store<{ model: string }>;
  leases: Store<bigint>;
  /** Queued + Leased jobs per submitter; absent means zero. */
  pending: Store<number>;
  workers: Store<WorkerRecord>;
  lanes: Store<Lane>;
  queuedLinks: Store<QueuedLink>;
  modelQueues: Store<ModelQueue>;
  finished: Store<bigint>;
  /** Worker keys in the order the queue first heard of them, keyed idKey(1..n): lists newest first, no walk. */
  workerOrder: Store<PrincipalText>;
}
