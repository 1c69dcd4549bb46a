import type { InferenceResult } from '../inference/index.ts';
import { asQueueError } from '../queue/errors.ts';
import type { CompleteArgs, Lease, QueueClient, QueueParams } from '../queue/client.ts';
import { backoffDelay } from './backoff.ts';
import type { Clock, Random } from './clock.ts';
import { LeasedJob, type QueueLimits } from './job.ts';
import { Pacer } from './pacer.ts';
import type { JobExecutor, JobReport, PollerEvents, PollerOptions, QueueCall } from './types.ts';
import { Wakeup } from './wakeup.ts';

export interface PollerDeps {
  queue: QueueClient;
  clock: Clock;
  random: Random;
  execute: JobExecutor;
  events?: PollerEvents;
}

/**
 * Keeps the model busy without making it wait for the network: holds `concurrency` running jobs plus a
 * prefetch of leases (depth from the Pacer: measured call latency vs job duration), so a finished job's
 * slot takes the next lease at once; the completion is reported while the next job runs and carries the
 * refill (complete_and_lease). While the queue has nothing, it polls the queued_count query every
 * idlePollMs and leases only when it sees work. Failing calls back off (jittered, pollMinMs..pollMaxMs).
 * Heartbeats on its own schedule, re-reading the queue's parameters; at stop(), leases nothing more and
 * lets held jobs finish for shutdownGraceMs, then releases the rest.
 */
export class Poller {
  private readonly jobs = new Map<bigint, LeasedJob>();
  private readonly stopping = new AbortController();
  private readonly changed = new Wakeup();
  private readonly events: PollerEvents;
  private readonly pacer = new Pacer();
  private params: QueueParams | undefined;
  /** held leases whose inference has not ended (running or waiting for a slot) */
  private unexecuted = 0;
  /** leases asked for by calls still in flight */
  private requested = 0;
  /** the last lease came back short (or none yet): ask queued_count before leasing again */
  private dry = true;
  /** failed calls in a row (backoff) */
  private failures = 0;
  /** leases in a row that found nothing although queued_count saw work (another worker was faster) */
  private empty = 0;
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

  /** Leases held beyond the running slots right now, and the measured figures behind that depth. */
  get pacing(): { depth: number; callMs: number | undefined; jobMs: number | undefined } {
    return { depth: this.depth(), callMs: this.pacer.callMs, jobMs: this.pacer.jobMs };
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
    this.changed.notify();
    return this.running ?? Promise.resolve();
  }

  private limits(): QueueLimits {
    const p = this.params;
    return p ? { leaseSeconds: p.lease_seconds, maxOutputBytes: p.max_output_bytes } : {};
  }

  private depth(): number {
    return this.pacer.depth({
      concurrency: this.options.concurrency,
      maxPrefetch: this.options.maxPrefetch,
      ...(this.params ? { leaseSeconds: this.params.lease_seconds, maxLeases: this.params.max_leases_per_worker } : {}),
    });
  }

  /** Leases worth asking for now. */
  private want(): number {
    if (this.stopping.signal.aborted) return 0;
    return this.options.concurrency + this.depth() - this.unexecuted - this.requested;
  }

  private async loop(): Promise<void> {
    const heartbeats = this.heartbeatLoop();
    while (!this.stopping.signal.aborted) {
      const want = this.want();
      if (want <= 0) {
        await this.changed.wait();
        continue;
      }
      if (this.dry && !(await this.workWaiting())) {
        await this.pause(this.options.idlePollMs);
        continue;
      }
      const got = await this.leaseSome(want);
      if (got === 0) {
        this.empty += 1;
        const { idlePollMs: baseMs, pollMaxMs: maxMs } = this.options;
        await this.pause(backoffDelay(this.empty, { baseMs, maxMs }, this.deps.random));
      } else if (got > 0) this.empty = 0;
    }
    await this.drain();
    await heartbeats;
  }

  private pause(ms: number): Promise<void> {
    return this.deps.clock.sleep(ms, this.stopping.signal);
  }

  private async backOff(call: QueueCall, error: unknown): Promise<void> {
    this.events.error?.(call, asQueueError(error));
    this.failures += 1;
    const { pollMinMs: baseMs, pollMaxMs: maxMs } = this.options;
    await this.pause(backoffDelay(this.failures, { baseMs, maxMs }, this.deps.random));
  }

  /** The cheap question an idle worker asks instead of a lease. */
  private async workWaiting(): Promise<boolean> {
    try {
      const queued = await this.deps.queue.queuedCount(this.options.models);
      if (queued > 0n) return true;
      this.failures = 0;
      this.empty = 0;
      return false;
    } catch (error) {
      await this.backOff('queued_count', error);
      return false;
    }
  }

  /** The number of leases granted, or -1 when the call failed (after backing off). */
  private async leaseSome(want: number): Promise<number> {
    this.requested += want;
    const started = this.deps.clock.now();
    try {
      const leases = await this.deps.queue.lease({ models: this.options.models, max_jobs: want });
      this.timed(started);
      this.failures = 0;
      this.accept(leases, want);
      return leases.length;
    } catch (error) {
      this.dry = true; // e.g. not active: ask the query until the lease has a chance again
      await this.backOff('lease', error);
      return -1;
    } finally {
      this.requested -= want;
    }
  }

  private timed(started: number): void {
    const ms = this.deps.clock.now() - started;
    this.pacer.observeCall(ms);
    this.events.callMs?.(ms);
  }

  private accept(leases: Lease[], asked: number): void {
    this.dry = leases.length < asked;
    if (leases.length > 0) this.events.leased?.(leases.length);
    for (const lease of leases) this.start(lease);
  }

  /**
   * A completion that carries the refill of the slot it frees — also when the last lease came back short:
   * the update is made anyway, and a lease that finds nothing costs less than the queued_count poll and the
   * separate lease call that jobs trickling in would otherwise take.
   */
  private async completeAndRefill(args: CompleteArgs): Promise<void> {
    const want = this.want();
    if (want <= 0) return this.deps.queue.complete(args);
    this.requested += want;
    const started = this.deps.clock.now();
    try {
      const reply = await this.deps.queue.completeAndLease(args, { models: this.options.models, max_jobs: want });
      this.timed(started);
      if (Array.isArray(reply.lease)) this.accept(reply.lease, want);
      else this.events.error?.('lease', reply.lease);
      if (reply.complete) throw reply.complete;
    } finally {
      this.requested -= want;
      this.changed.notify();
    }
  }

  private start(lease: Lease): void {
    const job = new LeasedJob(lease, {
      ...this.deps,
      options: this.options,
      events: this.events,
      limits: () => this.limits(),
      executed: (result: InferenceResult) => {
        this.unexecuted -= 1;
        if (result.ok) this.pacer.observeJob(result.ms);
        this.changed.notify(); // wakes the loop after this tick, when the completion has claimed its refill
      },
      complete: (args) => this.completeAndRefill(args),
    });
    this.unexecuted += 1;
    this.jobs.set(lease.job_id, job);
    this.events.inFlight?.(this.jobs.size);
    void job.done.finally(() => {
      this.jobs.delete(lease.job_id);
      this.events.inFlight?.(this.jobs.size);
      this.changed.notify();
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
        this.params = await this.deps.queue.params();
      } catch (error) {
        this.events.error?.('params', asQueueError(error));
      }
      try {
        await this.deps.queue.heartbeat({ models, version, in_flight: this.jobs.size });
      } catch (error) {
        this.events.error?.('heartbeat', asQueueError(error));
      }
      await this.deps.clock.sleep(heartbeatMs, this.stopping.signal);
    }
  }
}
