import type { CompleteArgs, ExtendArgs, FailArgs, HeartbeatArgs, Lease, LeaseArgs } from '@gatehouse/clients';

export type { CompleteArgs, ExtendArgs, FailArgs, HeartbeatArgs, Lease, LeaseArgs };

/** The worker side of the queue canister. Every method throws QueueError on failure. */
export interface QueueClient {
  lease(args: LeaseArgs): Promise<Lease[]>;
  /** the new deadline (ns since epoch) */
  extend(args: ExtendArgs): Promise<bigint>;
  complete(args: CompleteArgs): Promise<void>;
  fail(args: FailArgs): Promise<void>;
  heartbeat(args: HeartbeatArgs): Promise<void>;
}
