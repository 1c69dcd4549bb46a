import { describe, expect, it } from 'vitest';
import { QueueError } from '../queue/errors.ts';
import { MetricsServer } from './server.ts';
import { WorkerMetrics } from './worker-metrics.ts';

describe('WorkerMetrics', () => {
  it('renders jobs by outcome, tokens, the latency histogram, errors, lease losses and in-flight', async () => {
    const metrics = new WorkerMetrics();
    const events = metrics.events();
    events.job({
      jobId: 1n,
      model: 'm',
      attempt: 1,
      tokensIn: 10,
      tokensOut: 4,
      ms: 300,
      outcome: 'completed',
      runMs: 1,
      runEnd: 0,
    });
    events.job({
      jobId: 2n,
      model: 'm',
      attempt: 1,
      tokensIn: 2,
      tokensOut: 0,
      ms: 70_000,
      outcome: 'lease-lost',
      runMs: 1,
      runEnd: 0,
    });
    events.error('complete', new QueueError('conflict', 'expired'));
    events.inFlight(3);
    const text = metrics.registry.render();
    expect(text).toContain('gatehouse_worker_jobs_total{outcome="completed"} 1');
    expect(text).toContain('gatehouse_worker_jobs_total{outcome="lease-lost"} 1');
    expect(text).toContain('gatehouse_worker_tokens_in_total 12');
    expect(text).toContain('gatehouse_worker_tokens_out_total 4');
    expect(text).toContain('gatehouse_worker_job_duration_seconds_bucket{le="0.5"} 1');
    expect(text).toContain('gatehouse_worker_job_duration_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('gatehouse_worker_queue_errors_total{call="complete",kind="conflict"} 1');
    expect(text).toContain('gatehouse_worker_lease_lost_total 1');
    expect(text).toContain('gatehouse_worker_in_flight 3');

    const server = await MetricsServer.start(0, () => metrics.registry.render());
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(metrics.registry.render());
    } finally {
      await server.close();
    }
  });
});
