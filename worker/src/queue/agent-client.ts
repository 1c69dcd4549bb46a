import { QueueCanister } from '@gatehouse/clients';
import { canisterOptions, send, type CanisterConnection } from '../agent/canister.ts';
import type {
  CompleteAndLease,
  CompleteArgs,
  ExtendArgs,
  FailArgs,
  HeartbeatArgs,
  Lease,
  LeaseArgs,
  QueueClient,
  QueueParams,
} from './client.ts';
import { fromCanisterError } from './errors.ts';

export type QueueConnection = CanisterConnection;

/** The worker side of the queue canister over an HttpAgent; errors become QueueError. */
export class AgentQueueClient implements QueueClient {
  private constructor(private readonly queue: QueueCanister) {}

  /** Connects (fetching the root key on a local network); throws QueueError `network` when unreachable. */
  static async connect(c: QueueConnection): Promise<AgentQueueClient> {
    return new AgentQueueClient(QueueCanister.create(await canisterOptions(c)));
  }

  params(): Promise<QueueParams> {
    return send(() => this.queue.getParams());
  }
  lease(args: LeaseArgs): Promise<Lease[]> {
    return send(() => this.queue.lease(args));
  }
  extend(args: ExtendArgs): Promise<bigint> {
    return send(() => this.queue.extend(args));
  }
  complete(args: CompleteArgs): Promise<void> {
    return send(() => this.queue.complete(args));
  }
  fail(args: FailArgs): Promise<void> {
    return send(() => this.queue.fail(args));
  }
  heartbeat(args: HeartbeatArgs): Promise<void> {
    return send(() => this.queue.heartbeat(args));
  }
  queuedCount(models: string[]): Promise<bigint> {
    return send(() => this.queue.queuedCount({ models }));
  }
  async completeAndLease(complete: CompleteArgs, lease: LeaseArgs): Promise<CompleteAndLease> {
    const reply = await send(() => this.queue.completeAndLease({ complete, lease }));
    return {
      complete: reply.completeError && fromCanisterError(reply.completeError),
      lease: reply.leaseError ? fromCanisterError(reply.leaseError) : reply.leases,
    };
  }
}

export { isLocalHost, isLocalHost as shouldFetchRootKey } from '../agent/canister.ts';
