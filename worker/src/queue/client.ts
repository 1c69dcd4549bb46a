import type {
  CompleteArgs,
  ExtendArgs,
  FailArgs,
  HeartbeatArgs,
  Lease,
  LeaseArgs,
  QueueParams,
} from '@gatehouse/clients';
import type { QueueError } from './errors.ts';

export type { CompleteArgs, ExtendArgs, FailArgs, HeartbeatArgs, Lease, LeaseArgs, QueueParams };

/** What `complete_and_lease` answers: the two halves succeed or fail independently. */
export interface CompleteAndLease {
  /** undefined: completed */
  complete: QueueError | undefined;
  lease: Lease[] | QueueError;
}

/** The worker side of the queue canister. Every method throws QueueError on failure. */
export interface QueueClient {
  lease(args: LeaseArgs): Promise<Lease[]>;
  /** the new deadline (ns since epoch) */
  extend(args: ExtendArgs): Promise<bigint>;
  complete(args: CompleteArgs): Promise<void>;
  fail(args: FailArgs): Promise<void>;
  heartbeat(args: HeartbeatArgs): Promise<void>;
  /** Completes, then leases, in one update call (throws only when the call itself failed). */
  completeAndLease(complete: CompleteArgs, lease: LeaseArgs): Promise<CompleteAndLease>;
  /** Jobs waiting for these models (a query: free for the canister, fast). */
  queuedCount(models: string[]): Promise<bigint>;
  /** The queue's parameters (a query): lease lengths and size limits the worker must follow. */
  params(): Promise<QueueParams>;
}
