import type { Principal } from '@icp-sdk/core/principal';

import { GatehouseCanisterClient, toValidation, type CanisterOptions, type QueryParams } from '../canister.ts';
import { idlFactory, type _SERVICE } from '../declarations/queue.did.ts';
import { fromCandidError, unwrapResult, type GatehouseCanisterError } from '../errors.ts';
import type { Page, PageRequest } from '../utils/paging.ts';
import { toCompleteArgs, toLease, toSubmitArgs, toWorkerStats } from './queue.converters.ts';
import type {
  CompleteArgs,
  ExtendArgs,
  FailArgs,
  HeartbeatArgs,
  HttpRequest,
  HttpResponse,
  Job,
  Lease,
  LeaseArgs,
  MembershipAck,
  MembershipBatch,
  QueueMetrics,
  QueueParams,
  SubmitParams,
  WorkerStats,
} from './queue.types.ts';

export { idlFactory as queueIdlFactory };
/**
 * The job queue: submitters submit chat jobs and read results; workers (keys bound to active contributors)
 * lease, extend, complete or fail them and send heartbeats. Refusals throw GatehouseCanisterError.
 */
export class QueueCanister extends GatehouseCanisterClient<_SERVICE> {
  protected readonly name = 'queue';

  static create(options: CanisterOptions): QueueCanister {
    const { service, certifiedService } = GatehouseCanisterClient.actors<_SERVICE>(idlFactory, options);
    return new QueueCanister(options.canisterId, service, certifiedService);
  }

  /** Submits a chat job; answers its id. */
  submit = async (params: SubmitParams): Promise<bigint> =>
    unwrapResult(await this.service.submit(toSubmitArgs(params)), 'queue.submit');

  /** The job as its submitter may see it (an update: only the submitter is answered). */
  getJob = async ({ jobId }: { jobId: bigint }): Promise<Job> =>
    unwrapResult(await this.service.get_job(jobId), 'queue.get_job');

  cancel = async ({ jobId }: { jobId: bigint }): Promise<void> => {
    unwrapResult(await this.service.cancel(jobId), 'queue.cancel');
  };

  /** Worker side: up to `max_jobs` queued jobs of the given models, each with a lease token and deadline. */
  lease = async (args: LeaseArgs): Promise<Lease[]> =>
    unwrapResult(await this.service.lease(args), 'queue.lease').map(toLease);

  /**
   * Completes one job and leases the next ones in one update call (one round trip per job for a busy worker).
   * The two halves succeed or are refused independently, so refusals are returned, not thrown.
   */
  completeAndLease = async ({
    complete,
    lease,
  }: {
    complete: CompleteArgs;
    lease: LeaseArgs;
  }): Promise<{ completeError?: GatehouseCanisterError; leases: Lease[]; leaseError?: GatehouseCanisterError }> => {
    const answer = await this.service.complete_and_lease(toCompleteArgs(complete), lease);
    return {
      ...('Err' in answer.complete ? { completeError: fromCandidError(answer.complete.Err, 'queue.complete') } : {}),
      ...('Err' in answer.lease
        ? { leases: [], leaseError: fromCandidError(answer.lease.Err, 'queue.lease') }
        : { leases: answer.lease.Ok.map(toLease) }),
    };
  };

  /** How many jobs wait for the given models (all models when empty): a worker's cheap "anything to do?". */
  queuedCount = ({ models, ...q }: { models: string[] } & QueryParams): Promise<bigint> =>
    this.caller(q).queued_count(models);

  /** Answers the lease's new deadline (ns since the epoch). */
  extend = async (args: ExtendArgs): Promise<bigint> => unwrapResult(await this.service.extend(args), 'queue.extend');

  complete = async (args: CompleteArgs): Promise<void> => {
    unwrapResult(await this.service.complete(toCompleteArgs(args)), 'queue.complete');
  };

  fail = async (args: FailArgs): Promise<void> => {
    unwrapResult(await this.service.fail(args), 'queue.fail');
  };

  heartbeat = async (args: HeartbeatArgs): Promise<void> => {
    unwrapResult(await this.service.heartbeat(args), 'queue.heartbeat');
  };

  /** Only the registry may call it (membership pushes); answers the last applied sequence number. */
  applyMembership = async (batch: MembershipBatch): Promise<MembershipAck> =>
    unwrapResult(await this.service.apply_membership(batch), 'queue.apply_membership');

  /** Returns expired leases to the queue now (the timer does it too); answers how many. */
  expireLeases = async (): Promise<bigint> => unwrapResult(await this.service.expire_leases(), 'queue.expire_leases');

  getParams = (q: QueryParams = {}): Promise<QueueParams> => this.caller(q).get_params();

  setParams = async (params: QueueParams): Promise<void> => {
    unwrapResult(await this.service.set_params(params), 'queue.set_params');
  };
  validateSetParams = async (params: QueueParams) => toValidation(await this.service.validate_set_params(params));

  listWorkers = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<WorkerStats>> => {
    const { items, total } = unwrapResult(await this.caller(q).list_workers(page), 'queue.list_workers');
    return { items: items.map(toWorkerStats), total };
  };

  /** Workers newest first (the order the queue first heard of them); the canister reads only the page. */
  listRecentWorkers = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<WorkerStats>> => {
    const { items, total } = unwrapResult(await this.caller(q).list_recent_workers(page), 'queue.list_recent_workers');
    return { items: items.map(toWorkerStats), total };
  };

  getWorker = async ({ worker, ...q }: { worker: Principal } & QueryParams): Promise<WorkerStats | undefined> => {
    const [found] = await this.caller(q).get_worker(worker);
    return found && toWorkerStats(found);
  };

  metrics = (q: QueryParams = {}): Promise<QueueMetrics> => this.caller(q).metrics();

  /** The canister's HTTP interface (`/metrics` in Prometheus text) as a query. */
  httpRequest = (request: HttpRequest): Promise<HttpResponse> => this.service.http_request(request);
}
