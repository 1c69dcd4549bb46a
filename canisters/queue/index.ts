import '../shared/install-utf8.ts';
import {
  canisterSelf,
  IDL,
  init,
  inspectMessage,
  msgArgData,
  msgCaller,
  msgMethodName,
  postUpgrade,
  Principal,
  setTimerInterval,
  time,
  trap,
} from 'azle';

import { query, update } from '../shared/candid-methods.ts';
import { describeError, type Result } from '../shared/domain/result.ts';
import { governanceTarget } from '../shared/governance-target.ts';
import { serviceArgs } from '../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../shared/domain/inspect.ts';
import { mapPage } from '../shared/domain/paging.ts';
import { StableStore } from '../shared/stable-store.ts';
import { readUpgradeArgs } from '../shared/upgrade-args.ts';
import * as convert from './converters.ts';
import { complete, completeAndLease } from './domain/complete.ts';
import { fail, type FailArgs } from './domain/fail.ts';
import { currentParams, initQueue, setParams, upgradeQueue, validateSetParams } from './domain/config.ts';
import { configCell } from './domain/state.ts';
import { expireLeasesCall, maintain } from './domain/expiry.ts';
import { extend, type ExtendArgs } from './domain/holder.ts';
import { migrateLayout } from './domain/layout.ts';
import { cancel, getJob } from './domain/jobs.ts';
import { lease, type LeaseArgs } from './domain/lease.ts';
import { applyMembership, type MembershipAck } from './domain/membership.ts';
import { serveHttp } from './domain/http.ts';
import { queueIngressRules } from './domain/ingress.ts';
import { metrics } from './domain/metrics.ts';
import type { QueueStores } from './domain/model.ts';
import { type QueueParams } from './domain/params.ts';
import { checkModelNames, LIMITS } from './domain/limits.ts';
import { queuedCount } from './domain/ready.ts';
import { submit, submitFor } from './domain/submit.ts';
import {
  getWorker,
  heartbeat,
  indexWorkerOrder,
  listRecentWorkers,
  listWorkers,
  type HeartbeatArgs,
} from './domain/workers.ts';
import { queueTypes } from './interface.ts';
import type * as C from './interface.ts';
import { MEMORY } from './memory.ts';

const T = queueTypes(IDL);
/** What inspect_message holds each message's Candid header to: the argument types of the method. */
const SIGNATURES = serviceArgs(T.service);

const stores: QueueStores = {
  config: new StableStore(MEMORY.config),
  counters: new StableStore(MEMORY.counters),
  jobs: new StableStore(MEMORY.jobs),
  ready: new StableStore(MEMORY.ready),
  leases: new StableStore(MEMORY.leases),
  pending: new StableStore(MEMORY.pending),
  workers: new StableStore(MEMORY.workers),
  lanes: new StableStore(MEMORY.lanes),
  queuedLinks: new StableStore(MEMORY.queuedLinks),
  modelQueues: new StableStore(MEMORY.modelQueues),
  finished: new StableStore(MEMORY.finished),
  workerOrder: new StableStore(MEMORY.workerOrder),
};

const caller = (): string => msgCaller().toText();

// Timers do not survive upgrades, so both init and post_upgrade start the expiry tick.
function startTimers(): void {
  setTimerInterval(LIMITS.expiryIntervalSeconds, () => void maintain(stores, time()));
}

const mapOk = <A, B>(result: Result<A>, f: (a: A) => B): Result<B> => ('Ok' in result ? { Ok: f(result.Ok) } : result);

export default class {
  @init([T.LifecycleArgs])
  init(args: C.QueueLifecycleArgs): void {
    if (!('Init' in args)) trap('queue install: pass variant { Init = … }');
    initQueue(stores, convert.initFromCandid(args.Init));
    startTimers();
  }

  // manual: an upgrade may come with no argument at all (see shared/upgrade-args.ts). Stable state is first
  // brought to this code's stable layout (domain/layout.ts).
  @postUpgrade([T.LifecycleArgs], { manual: true })
  postUpgrade(): void {
    const migration = migrateLayout(stores);
    if (migration.from !== migration.to) console.log(`queue: stable layout migrated: ${JSON.stringify(migration)}`);
    const result = upgradeQueue(stores, readUpgradeArgs(T.LifecycleArgs, 'queue'), canisterSelf().toText());
    if ('Err' in result) trap(`queue upgrade: ${describeError(result.Err)}`);
    indexWorkerOrder(stores);
    startTimers();
  }

  // manual: azle must not decode the argument; the rules look at its raw bytes first (domain/ingress.ts).
  @inspectMessage({ manual: true })
  inspectMessage(): boolean {
    return ingressRefusal(queueIngressRules(stores), SIGNATURES, msgMethodName(), caller(), msgArgData()) === undefined;
  }

  @update([T.SubmitArgs], T.result(IDL.Nat64))
  submit(args: C.SubmitArgs): Result<bigint> {
    return submit(stores, caller(), time(), convert.submitFromCandid(args));
  }

  @update([IDL.Principal, T.SubmitArgs], T.result(IDL.Nat64))
  submit_for(submitter: Principal, args: C.SubmitArgs): Result<bigint> {
    return submitFor(stores, caller(), time(), submitter.toText(), convert.submitFromCandid(args));
  }

  @query([IDL.Nat64], T.result(T.Job))
  get_job(jobId: bigint) {
    return mapOk(getJob(stores, caller(), jobId), convert.jobToCandid);
  }

  @update([IDL.Nat64], T.UnitResult)
  cancel(jobId: bigint): Result<null> {
    return cancel(stores, caller(), time(), jobId);
  }

  @update([T.LeaseArgs], T.result(IDL.Vec(T.Lease)))
  lease(args: LeaseArgs) {
    return mapOk(lease(stores, caller(), time(), args), (leases) => leases.map(convert.leaseToCandid));
  }

  @update([T.ExtendArgs], T.result(IDL.Nat64))
  extend(args: ExtendArgs): Result<bigint> {
    return extend(stores, caller(), time(), args);
  }

  @update([T.CompleteArgs], T.UnitResult)
  complete(args: C.CompleteArgs): Result<null> {
    return complete(stores, caller(), time(), convert.completeFromCandid(args));
  }

  @update([T.CompleteArgs, T.LeaseArgs], T.CompleteAndLeaseResult)
  complete_and_lease(done: C.CompleteArgs, next: LeaseArgs): C.CompleteAndLeaseResult {
    const result = completeAndLease(stores, caller(), time(), convert.completeFromCandid(done), next);
    return { complete: result.complete, lease: mapOk(result.lease, (leases) => leases.map(convert.leaseToCandid)) };
  }

  // Workers poll this while idle (queries cost the canister no cycles) and lease only when there is work.
  @query([IDL.Vec(IDL.Text)], IDL.Nat64)
  queued_count(models: string[]): bigint {
    const invalid = checkModelNames('models', models);
    if (invalid) trap(`queued_count: ${describeError(invalid.Err)}`);
    return queuedCount(stores, models);
  }

  @update([T.FailArgs], T.UnitResult)
  fail(args: FailArgs): Result<null> {
    return fail(stores, caller(), time(), args);
  }

  @update([T.HeartbeatArgs], T.UnitResult)
  heartbeat(args: HeartbeatArgs): Result<null> {
    return heartbeat(stores, caller(), time(), args);
  }

  @update([T.MembershipBatch], T.result(T.MembershipAck))
  apply_membership(batch: C.MembershipBatch): Result<MembershipAck> {
    return applyMembership(stores, caller(), time(), convert.membershipFromCandid(batch));
  }

  @update([], T.result(IDL.Nat64))
  expire_leases(): Result<bigint> {
    return expireLeasesCall(stores, caller(), time());
  }

  @update([T.QueueParams], T.ValidationResult)
  validate_set_params(params: QueueParams) {
    return validateSetParams(stores, params);
  }

  @update([T.QueueParams], T.UnitResult)
  set_params(params: QueueParams): Result<null> {
    return governanceTarget(setParams(stores, caller(), params), configCell(stores).get().governance, 'set_params');
  }

  @query([], T.QueueParams)
  get_params(): QueueParams {
    return currentParams(stores);
  }

  @query([T.PageRequest], T.page(T.WorkerStats))
  list_workers(request: C.PageRequest) {
    return mapPage(listWorkers(stores, request), convert.workerToCandid);
  }

  @query([T.PageRequest], T.page(T.WorkerStats))
  list_recent_workers(request: C.PageRequest) {
    return mapPage(listRecentWorkers(stores, request), convert.workerToCandid);
  }

  @query([IDL.Principal], IDL.Opt(T.WorkerStats))
  get_worker(worker: Principal) {
    const stats = getWorker(stores, worker.toText());
    return convert.toOpt(stats === undefined ? undefined : convert.workerToCandid(stats));
  }

  @query([], T.Metrics)
  metrics() {
    return metrics(stores);
  }

  @query([T.HttpRequest], T.HttpResponse)
  http_request(request: C.HttpRequest): C.HttpResponse {
    const reply = serveHttp(stores, request.method, request.url);
    return { ...reply, upgrade: [] };
  }
}
