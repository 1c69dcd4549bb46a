import { escapeLabel, family, type Sample } from '../../shared/domain/prometheus.ts';
import type { QueueStores } from './model.ts';
import { LIMITS } from './limits.ts';
import { countersCell } from './state.ts';
import type { WorkerStats } from './workers.ts';
import { workerStats } from './workers.ts';

export interface QueueMetrics {
  queued: bigint;
  leased: bigint;
  completed: bigint;
  failed: bigint;
  cancelled: bigint;
  expired: bigint;
  workers_active: bigint;
  workers_known: bigint;
  jobs_submitted: bigint;
  leases_granted: bigint;
  leases_expired: bigint;
}

export function metrics(stores: QueueStores): QueueMetrics {
  const c = countersCell(stores).get();
  return {
    queued: BigInt(stores.ready.size()),
    leased: BigInt(stores.leases.size()),
    completed: c.completed,
    failed: c.failed,
    cancelled: c.cancelled,
    expired: c.expired,
    workers_active: c.workers_active,
    workers_known: BigInt(stores.workers.size()),
    jobs_submitted: c.submitted,
    leases_granted: c.leases_granted,
    leases_expired: c.leases_expired,
  };
}

/** Prometheus text exposition (version 0.0.4); per-worker families cover the first LIMITS.metricsWorkers workers. */
export function renderPrometheus(m: QueueMetrics, workers: WorkerStats[]): string {
  const byWorker = (pick: (w: WorkerStats) => bigint | number): Sample[] =>
    workers.map((w) => [`{worker="${escapeLabel(w.worker)}"}`, pick(w)]);
  const status = (s: string, v: bigint): Sample => [`{status="${s}"}`, v];
  return (
    [
      family('gatehouse_queue_jobs', 'gauge', 'Jobs by status.', [
        status('queued', m.queued),
        status('leased', m.leased),
        status('completed', m.completed),
        status('failed', m.failed),
        status('cancelled', m.cancelled),
        status('expired', m.expired),
      ]),
      family('gatehouse_queue_jobs_submitted_total', 'counter', 'Jobs accepted by submit.', [['', m.jobs_submitted]]),
      family('gatehouse_queue_leases_granted_total', 'counter', 'Leases handed to workers.', [['', m.leases_granted]]),
      family('gatehouse_queue_leases_expired_total', 'counter', 'Leases that passed their deadline.', [
        ['', m.leases_expired],
      ]),
      family('gatehouse_queue_workers_active', 'gauge', 'Worker keys currently active.', [['', m.workers_active]]),
      family(
        'gatehouse_queue_worker_active',
        'gauge',
        'Whether the worker key is active (1) or not (0).',
        byWorker((w) => (w.active ? 1 : 0)),
      ),
      family(
        'gatehouse_queue_worker_completed_total',
        'counter',
        'Jobs completed by the worker.',
        byWorker((w) => w.completed),
      ),
      family(
        'gatehouse_queue_worker_failed_total',
        'counter',
        'Failures reported by the worker.',
        byWorker((w) => w.failed),
      ),
      family(
        'gatehouse_queue_worker_expired_leases_total',
        'counter',
        'Leases the worker let expire.',
        byWorker((w) => w.expired_leases),
      ),
      family(
        'gatehouse_queue_worker_latency_ms_total',
        'counter',
        'Sum of lease-to-completion times, ms.',
        byWorker((w) => w.latency_ms_total),
      ),
      family(
        'gatehouse_queue_worker_latency_ms_max',
        'gauge',
        'Longest lease-to-completion time, ms.',
        byWorker((w) => w.latency_ms_max),
      ),
    ].join('\n') + '\n'
  );
}

export function metricsText(stores: QueueStores): string {
  const workers = stores.workers.entries(0, LIMITS.metricsWorkers).map(([, record]) => workerStats(record));
  return renderPrometheus(metrics(stores), workers);
}
