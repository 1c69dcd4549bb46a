import type { InferenceResult } from '../inference/index.ts';
import type { QueueError } from '../queue/errors.ts';
import type { Lease } from '../queue/client.ts';

/** Runs one leased job; must resolve (never reject) and honour `signal` by returning a cancelled failure. */
export type JobExecutor = (lease: Lease, signal: AbortSignal) => Promise<InferenceResult>;

/**
 * How a job ended for this worker: `completed`; `failed` (not retryable); `retried` (failed retryable,
 * the queue will offer it again); `released` (given back at shutdown); `lease-lost` (the lease expired or
 * was taken over before we could report); `report-failed` (the queue stayed unreachable).
 */
export type JobOutcome = 'completed' | 'failed' | 'retried' | 'released' | 'lease-lost' | 'report-failed';

export interface JobReport {
  jobId: bigint;
  model: string;
  attempt: number;
  tokensIn: number;
  tokensOut: number;
  /** from lease to report, on the poller's clock */
  ms: number;
  outcome: JobOutcome;
  reason?: string;
  /** inference alone, without waiting for a slot or the queue */
  runMs: number;
  /** when inference ended (the poller's clock, epoch ms): with runMs, when the model was busy */
  runEnd: number;
  /** the output was cut to the queue's max_output_bytes (at a UTF-8 boundary) */
  truncated?: boolean;
}

export type QueueCall = 'lease' | 'extend' | 'complete' | 'fail' | 'heartbeat' | 'queued_count' | 'params';

export interface PollerEvents {
  job?(report: JobReport): void;
  /** a queue call failed (after retries, for the idempotent ones) */
  error?(call: QueueCall, error: QueueError): void;
  retry?(call: QueueCall, error: QueueError, delayMs: number): void;
  leased?(count: number): void;
  inFlight?(count: number): void;
  /** how long a lease-carrying update call took (lease, complete_and_lease), for the pacing and /metrics */
  callMs?(ms: number): void;
}

export interface PollerOptions {
  models: string[];
  version: string;
  /** jobs held at once */
  concurrency: number;
  /** while idle, the queued_count query is polled this often; a lease is sent only when it sees work */
  idlePollMs: number;
  /** at most this many leases held beyond `concurrency` (the depth adapts below it) */
  maxPrefetch: number;
  /** failing calls back off from pollMinMs to pollMaxMs */
  pollMinMs: number;
  pollMaxMs: number;
  heartbeatMs: number;
  /**
   * a held lease is extended this often (or every third of the queue's lease_seconds when that is shorter),
   * by extendSeconds (or lease_seconds when longer) from now
   */
  extendEveryMs: number;
  extendSeconds: number;
  /** at shutdown, in-flight jobs get this long to finish before they are released */
  shutdownGraceMs: number;
  /** retries of idempotent calls (extend, complete, fail, heartbeat) on transient errors */
  retryAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_POLLER_OPTIONS: Omit<PollerOptions, 'models' | 'version'> = {
  concurrency: 1,
  idlePollMs: 100,
  maxPrefetch: 4,
  pollMinMs: 250,
  pollMaxMs: 5_000,
  heartbeatMs: 30_000,
  extendEveryMs: 20_000,
  extendSeconds: 60,
  shutdownGraceMs: 30_000,
  retryAttempts: 5,
  retryBaseMs: 200,
  retryMaxMs: 5_000,
};
