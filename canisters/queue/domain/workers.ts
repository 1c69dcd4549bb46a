import { idKey } from '../../shared/domain/keys.ts';
import { newestPageOf, pageOf, type Page, type PageRequest } from '../../shared/domain/paging.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, unauthorized, type Result } from '../../shared/domain/result.ts';
import { checkText } from '../../shared/domain/validate.ts';
import type { QueueStores, WorkerRecord } from './model.ts';
import { latencyQuantile } from './latency-histogram.ts';
import { checkModelNames, LIMITS } from './limits.ts';

/** Only a worker key whose latest applied membership update says active may do worker things. */
export function activeWorker(stores: QueueStores, caller: PrincipalText): Result<WorkerRecord> {
  const record = stores.workers.get(caller);
  if (record === undefined || !record.active) return unauthorized('caller is not an active worker key');
  return ok(record);
}

export function touch(stores: QueueStores, worker: PrincipalText, now: bigint): void {
  const record = stores.workers.get(worker);
  if (record === undefined) return;
  record.last_seen = now;
  stores.workers.set(worker, record);
}

export interface HeartbeatArgs {
  models: string[];
  version: string;
  in_flight: number;
}

export function heartbeat(stores: QueueStores, caller: PrincipalText, now: bigint, args: HeartbeatArgs): Result<null> {
  const found = activeWorker(stores, caller);
  if (!('Ok' in found)) return found;
  const error =
    checkModelNames('models', args.models) ??
    checkText('version', args.version, LIMITS.versionBytes, { required: false });
  if (error) return error;
  const record = found.Ok;
  record.models = args.models;
  record.version = args.version;
  record.in_flight = args.in_flight;
  record.last_heartbeat = now;
  record.last_seen = now;
  stores.workers.set(caller, record);
  return ok(null);
}

export type WorkerStats = Omit<WorkerRecord, 'seq' | 'leases' | 'latency_histogram'> & {
  leases: number;
  latency_ms_p50?: bigint;
  latency_ms_p95?: bigint;
};

export function workerStats(record: WorkerRecord): WorkerStats {
  const { seq: _seq, leases, latency_histogram: histogram = {}, ...rest } = record;
  return {
    ...rest,
    leases: leases.length,
    latency_ms_p50: latencyQuantile(histogram, 0.5, record.latency_ms_max),
    latency_ms_p95: latencyQuantile(histogram, 0.95, record.latency_ms_max),
  };
}

export const getWorker = (stores: QueueStores, worker: PrincipalText): WorkerStats | undefined => {
  const record = stores.workers.get(worker);
  return record === undefined ? undefined : workerStats(record);
};

export const listWorkers = (stores: QueueStores, request: PageRequest): Result<Page<WorkerStats>> =>
  pageOf(stores.workers, request, workerStats);

/** Workers newest first (the order the queue first heard of them), reading only the page. */
export const listRecentWorkers = (stores: QueueStores, request: PageRequest): Result<Page<WorkerStats>> =>
  newestPageOf(stores.workerOrder, request, (worker) => getWorker(stores, worker));

export function addToWorkerOrder(stores: QueueStores, worker: PrincipalText): void {
  stores.workerOrder.set(idKey(BigInt(stores.workerOrder.size() + 1)), worker);
}

/**
 * Indexes the workers an older version recorded without an order (post_upgrade): the one walk over the map, once;
 * they keep their key order, before every worker added since.
 */
export function indexWorkerOrder(stores: QueueStores): void {
  if (stores.workerOrder.size() > 0 || stores.workers.size() === 0) return;
  for (const [worker] of stores.workers.entries()) addToWorkerOrder(stores, worker);
}
