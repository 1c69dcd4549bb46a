import { idlFactory } from '../../../canisters/queue/interface.ts';
import type { QueueParams, Result } from '../../../canisters/queue/interface.ts';
import { connectActor, send, sendResult, type CanisterConnection } from '../agent/canister.ts';
import type { CompleteArgs, ExtendArgs, FailArgs, HeartbeatArgs, Lease, LeaseArgs, QueueClient } from './client.ts';

interface QueueActor {
  lease(args: LeaseArgs): Promise<Result<Lease[]>>;
  extend(args: ExtendArgs): Promise<Result<bigint>>;
  complete(args: CompleteArgs): Promise<Result<null>>;
  fail(args: FailArgs): Promise<Result<null>>;
  heartbeat(args: HeartbeatArgs): Promise<Result<null>>;
  get_params(): Promise<QueueParams>;
}

export type QueueConnection = CanisterConnection;

/** The worker side of the queue canister over an HttpAgent; errors become QueueError. */
export class AgentQueueClient implements QueueClient {
  private constructor(private readonly actor: QueueActor) {}

  /** Connects (fetching the root key on a local network); throws QueueError `network` when unreachable. */
  static async connect(c: QueueConnection): Promise<AgentQueueClient> {
    return new AgentQueueClient(await connectActor<QueueActor>(idlFactory, c));
  }

  /** The queue's parameters (a query): its model allowlist, lease lengths, limits. */
  params(): Promise<QueueParams> {
    return send(() => this.actor.get_params());
  }

  lease(args: LeaseArgs): Promise<Lease[]> {
    return sendResult(() => this.actor.lease(args));
  }
  extend(args: ExtendArgs): Promise<bigint> {
    return sendResult(() => this.actor.extend(args));
  }
  async complete(args: CompleteArgs): Promise<void> {
    await sendResult(() => this.actor.complete(args));
  }
  async fail(args: FailArgs): Promise<void> {
    await sendResult(() => this.actor.fail(args));
  }
  async heartbeat(args: HeartbeatArgs): Promise<void> {
    await sendResult(() => this.actor.heartbeat(args));
  }
}

export { isLocalHost, isLocalHost as shouldFetchRootKey } from '../agent/canister.ts';
