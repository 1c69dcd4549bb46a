import { DEFAULT_PARAMS } from '../../canisters/queue/domain/params.ts';
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
} from '../src/queue/client.ts';
import { QueueError, type QueueErrorKind } from '../src/queue/errors.ts';

type Method = keyof QueueClient;

export function makeLease(id: number, over: Partial<Lease> = {}): Lease {
  return {
    job_id: BigInt(id),
    token: BigInt(1000 + id),
    deadline: 0n,
    attempt: 1,
    model: 'tiny-chat',
    messages: [{ role: { User: null }, content: `job ${id}` }],
    max_tokens: 8,
    ...over,
  };
}

/** An in-memory queue that records every call; errors can be scripted per method. */
export class FakeQueue implements QueueClient {
  readonly ready: Lease[] = [];
  readonly calls: Array<{ method: Method; args: unknown }> = [];
  readonly completed: CompleteArgs[] = [];
  readonly failed: FailArgs[] = [];
  readonly extended: ExtendArgs[] = [];
  readonly heartbeats: HeartbeatArgs[] = [];
  /** what get_params answers */
  params_: QueueParams = { ...DEFAULT_PARAMS, models: ['tiny-chat'] };
  private readonly scripted = new Map<Method, QueueErrorKind[]>();

  add(...leases: Lease[]): void {
    this.ready.push(...leases);
  }

  /** The next calls of `method` throw these kinds of QueueError, in order. */
  failNext(method: Method, ...kinds: QueueErrorKind[]): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...kinds]);
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private enter(method: Method, args: unknown): void {
    this.calls.push({ method, args });
    const kind = this.scripted.get(method)?.shift();
    if (kind) throw new QueueError(kind, `scripted ${kind} on ${method}`);
  }

  async lease(args: LeaseArgs): Promise<Lease[]> {
    this.enter('lease', args);
    return this.ready.splice(0, args.max_jobs);
  }
  async extend(args: ExtendArgs): Promise<bigint> {
    this.enter('extend', args);
    this.extended.push(args);
    return 0n;
  }
  async complete(args: CompleteArgs): Promise<void> {
    this.enter('complete', args);
    this.completed.push(args);
  }
  async fail(args: FailArgs): Promise<void> {
    this.enter('fail', args);
    this.failed.push(args);
  }
  async heartbeat(args: HeartbeatArgs): Promise<void> {
    this.enter('heartbeat', args);
    this.heartbeats.push(args);
  }
  async queuedCount(models: string[]): Promise<bigint> {
    this.enter('queuedCount', models);
    return BigInt(this.ready.length);
  }
  async params(): Promise<QueueParams> {
    this.enter('params', undefined);
    return this.params_;
  }
  /** As the canister: the completion, then the lease, each with its own result. */
  async completeAndLease(complete: CompleteArgs, lease: LeaseArgs): Promise<CompleteAndLease> {
    this.enter('completeAndLease', { complete, lease });
    const outcome = async <T>(op: () => Promise<T>): Promise<T | QueueError> => {
      try {
        return await op();
      } catch (error) {
        return error as QueueError;
      }
    };
    const completed = await outcome(() => this.complete(complete));
    return {
      complete: completed instanceof QueueError ? completed : undefined,
      lease: await outcome(() => this.lease(lease)),
    };
  }
}
