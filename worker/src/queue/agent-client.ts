import { Actor, HttpAgent, type Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';
import { idlFactory } from '../../../canisters/queue/interface.ts';
import type { QueueParams, Result } from '../../../canisters/queue/interface.ts';
import { fromAgentError } from './agent-errors.ts';
import type { CompleteArgs, ExtendArgs, FailArgs, HeartbeatArgs, Lease, LeaseArgs, QueueClient } from './client.ts';
import { fromGatehouseError } from './errors.ts';

interface QueueActor {
  lease(args: LeaseArgs): Promise<Result<Lease[]>>;
  extend(args: ExtendArgs): Promise<Result<bigint>>;
  complete(args: CompleteArgs): Promise<Result<null>>;
  fail(args: FailArgs): Promise<Result<null>>;
  heartbeat(args: HeartbeatArgs): Promise<Result<null>>;
  get_params(): Promise<QueueParams>;
}

export interface QueueConnection {
  /** e.g. http://127.0.0.1:4943 */
  host: string;
  canisterId: string;
  identity: Identity;
  /** fetch the root key from the network (local networks only; mainnet's key is built in) */
  fetchRootKey: boolean;
}

const isLocal = (host: string) => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/.test(host);
export const shouldFetchRootKey = isLocal;

/** The worker side of the queue canister over an HttpAgent; errors become QueueError. */
export class AgentQueueClient implements QueueClient {
  private constructor(private readonly actor: QueueActor) {}

  /** Connects (fetching the root key on a local network); throws QueueError `network` when unreachable. */
  static async connect(c: QueueConnection): Promise<AgentQueueClient> {
    const canisterId = Principal.fromText(c.canisterId);
    try {
      const agent = await HttpAgent.create({ host: c.host, identity: c.identity, shouldFetchRootKey: c.fetchRootKey });
      return new AgentQueueClient(Actor.createActor<QueueActor>(idlFactory, { agent, canisterId }));
    } catch (error) {
      throw fromAgentError(error);
    }
  }

  /** The queue's parameters (a query): its model allowlist, lease lengths, limits. */
  async params(): Promise<QueueParams> {
    try {
      return await this.actor.get_params();
    } catch (error) {
      throw fromAgentError(error);
    }
  }

  lease(args: LeaseArgs): Promise<Lease[]> {
    return this.call(() => this.actor.lease(args));
  }
  extend(args: ExtendArgs): Promise<bigint> {
    return this.call(() => this.actor.extend(args));
  }
  async complete(args: CompleteArgs): Promise<void> {
    await this.call(() => this.actor.complete(args));
  }
  async fail(args: FailArgs): Promise<void> {
    await this.call(() => this.actor.fail(args));
  }
  async heartbeat(args: HeartbeatArgs): Promise<void> {
    await this.call(() => this.actor.heartbeat(args));
  }

  private async call<T>(send: () => Promise<Result<T>>): Promise<T> {
    let result: Result<T>;
    try {
      result = await send();
    } catch (error) {
      throw fromAgentError(error);
    }
    if ('Err' in result) throw fromGatehouseError(result.Err);
    return result.Ok;
  }
}

export { isLocal as isLocalHost };
