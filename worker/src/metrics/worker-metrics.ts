import type { QueueError } from '../queue/errors.ts';
import type { JobReport, PollerEvents, QueueCall } from '../poller/types.ts';
import { Counter, Gauge, Histogram, MetricRegistry } from './prometheus.ts';

/** The worker's Prometheus series, fed by the poller's events. */
export class WorkerMetrics {
  readonly registry = new MetricRegistry();
  readonly jobs = this.registry.add(
    new Counter('gatehouse_worker_jobs_total', 'Jobs finished by this worker, by outcome'),
  );
  readonly tokensIn = this.registry.add(new Counter('gatehouse_worker_tokens_in_total', 'Prompt tokens evaluated'));
  readonly tokensOut = this.registry.add(new Counter('gatehouse_worker_tokens_out_total', 'Tokens generated'));
  readonly latency = this.registry.add(
    new Histogram(
      'gatehouse_worker_job_duration_seconds',
      'From lease to report',
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    ),
  );
  readonly errors = this.registry.add(
    new Counter('gatehouse_worker_queue_errors_total', 'Failed queue calls (after retries), by call and kind'),
  );
  readonly retries = this.registry.add(
    new Counter('gatehouse_worker_queue_retries_total', 'Retried queue calls, by call'),
  );
  readonly leaseLost = this.registry.add(
    new Counter('gatehouse_worker_lease_lost_total', 'Jobs whose lease expired or was taken over before the report'),
  );
  readonly leased = this.registry.add(new Counter('gatehouse_worker_leased_total', 'Jobs leased'));
  readonly inFlight = this.registry.add(new Gauge('gatehouse_worker_in_flight', 'Jobs held now'));
  readonly modelsLoaded = this.registry.add(new Gauge('gatehouse_worker_models_loaded', 'Models ready to serve'));

  /** Poller events that update these series. */
  events(): Required<Pick<PollerEvents, 'job' | 'error' | 'retry' | 'leased' | 'inFlight'>> {
    return {
      job: (r: JobReport) => {
        this.jobs.inc({ outcome: r.outcome });
        this.tokensIn.inc({}, r.tokensIn);
        this.tokensOut.inc({}, r.tokensOut);
        this.latency.observe(r.ms / 1000);
        if (r.outcome === 'lease-lost') this.leaseLost.inc();
      },
      error: (call: QueueCall, e: QueueError) => this.errors.inc({ call, kind: e.kind }),
      retry: (call: QueueCall) => this.retries.inc({ call }),
      leased: (n: number) => this.leased.inc({}, n),
      inFlight: (n: number) => this.inFlight.set(n),
    };
  }
}
