import { asQueueError } from '../queue/errors.ts';
import type { Lease, QueueClient } from '../queue/client.ts';
import { backoffDelay } from './backoff.ts';
import type { Clock, Random } from './clock.ts';
import { LeasedJob } from './job.ts';
import type { JobExecutor, JobReport, PollerEvents, PollerOptions } from './types.ts';
import { Wakeup } from './wakeup.ts';

export interface PollerDeps {
  queue: QueueClient;
  clock: Clock;
  random: Random;
  execute: JobExecutor;
  events?: PollerEvents;
}

/**
 * Leases jobs while there is room, re-polling at once while jobs keep coming and backing off
 * (exponential, jittered, up to pollMaxMs) while the queue is empty or unreachable; heartbeats on its
 * own schedule; at stop(), leases nothing more and lets in-flight jobs finish for shutdownGraceMs,
 * then releases the rest.
 */
export class Poller {
  private readonly jobs = new Map<bigint, LeasedJob>();
  private readonly stopping = new AbortController();
  private readonly slotFreed = new Wakeup();
  private readonly events: PollerEvents;
  private graceMs: number;
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: PollerOptions,
    private readonly deps: PollerDeps,
  ) {
    this.events = deps.events ?? {};
    this.graceMs = options.shutdownGraceMs;
  }

  get inFlight(): number {
    return this.jobs.size;
  }

  /** Runs until stop() and the drain that follows; resolves when every job is reported. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Stops leasing and drains; `graceMs` overrides the configured grace (0: release at once). */
  stop(graceMs?: number): Promise<void> {
    if (graceMs !== undefined) this.graceMs = Math.min(this.graceMs, graceMs);
    if (this.stopping.signal.aborted && graceMs === 0) for (const job of this.jobs.values()) job.release();
    this.stopping.abort();
    this.slotFreed.notify();
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    const heartbeats = this.heartbeatLoop();
    let idlePolls = 0;
    while (!this.stopping.signal.aborted) {
      const room = this.options.concurrency - this.jobs.size;
      if (room <= 0) {
        await this.slotFreed.wait();
        continue;
      }
      const leases = await this.lease(room);
      if (this.stopping.signal.aborted && leases.length === 0) break;
      if (leases.length > 0) {
        idlePolls = 0;
        for (const lease of leases) this.start(lease);
        continue;
      }
      idlePolls += 1;
      const { pollMinMs: baseMs, pollMaxMs: maxMs } = this.options;
      await this.deps.clock.sleep(backoffDelay(idlePolls, { baseMs, maxMs }, this.deps.random), this.stopping.signal);
    }
    await this.drain();
    await heartbeats;
  }

  private async lease(room: number): Promise<Lease[]> {
    try {
      const leases = await this.deps.queue.lease({ models: this.options.models, max_jobs: room });
      if (leases.length > 0) this.events.leased?.(leases.length);
      return leases;
    } catch (error) {
      this.events.error?.('lease', asQueueError(error));
      return [];
    }
  }

  private start(lease: Lease): void {
    const job = new LeasedJob(lease, { ...this.deps, options: this.options, events: this.events });
    this.jobs.set(lease.job_id, job);
    this.events.inFlight?.(this.jobs.size);
    void job.done.finally(() => {
      this.jobs.delete(lease.job_id);
      this.events.inFlight?.(this.jobs.size);
      this.slotFreed.notify();
    });
  }

  private async drain(): Promise<void> {
    if (this.jobs.size === 0) return;
    const all = (): Promise<JobReport[]> => Promise.all([...this.jobs.values()].map((job) => job.done));
    const deadline = new AbortController();
    const settled = all().finally(() => deadline.abort());
    await this.deps.clock.sleep(this.graceMs, deadline.signal);
    for (const job of this.jobs.values()) job.release();
    await settled;
    await all();
  }

  private async heartbeatLoop(): Promise<void> {
    const { models, version, heartbeatMs } = this.options;
    while (!this.stopping.signal.aborted) {
      try {
        await this.deps.queue.heartbeat({ models, version, in_flight: this.jobs.size });
      } catch (error) {
        this.events.error?.('heartbeat', asQueueError(error));
      }
      await this.deps.clock.sleep(heartbeatMs, this.stopping.signal);
    }
  }
}
