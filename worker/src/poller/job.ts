import type { InferenceResult } from '../inference/index.ts';
import { asQueueError, type QueueError } from '../queue/errors.ts';
import type { Lease, QueueClient } from '../queue/client.ts';
import type { Clock, Random } from './clock.ts';
import { withRetry } from './retry.ts';
import type { JobExecutor, JobOutcome, JobReport, PollerEvents, PollerOptions, QueueCall } from './types.ts';

export const SHUTDOWN_REASON = 'worker shutting down';

export interface JobContext {
  queue: QueueClient;
  clock: Clock;
  random: Random;
  execute: JobExecutor;
  options: PollerOptions;
  events: PollerEvents;
}

/**
 * One leased job: runs it, keeps its lease alive, and reports the result exactly as the queue
 * expects (complete with the lease token, or fail retryable / not retryable).
 */
export class LeasedJob {
  private readonly cancel = new AbortController();
  private readonly finished = new AbortController();
  private lost: QueueError | undefined;
  private released = false;
  readonly done: Promise<JobReport>;

  constructor(
    readonly lease: Lease,
    private readonly ctx: JobContext,
  ) {
    this.done = this.run();
  }

  /** Gives the job back to the queue (fail retryable) instead of finishing it. */
  release(): void {
    this.released = true;
    this.cancel.abort();
  }

  private async run(): Promise<JobReport> {
    const started = this.ctx.clock.now();
    const extender = this.keepExtending();
    const result = await this.ctx.execute(this.lease, this.cancel.signal);
    this.finished.abort();
    await extender;
    const { outcome, reason } = await this.report(result);
    const report: JobReport = {
      jobId: this.lease.job_id,
      model: this.lease.model,
      attempt: this.lease.attempt,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      ms: this.ctx.clock.now() - started,
      outcome,
      ...(reason === undefined ? {} : { reason }),
    };
    this.ctx.events.job?.(report);
    return report;
  }

  private async keepExtending(): Promise<void> {
    const { clock, options, queue } = this.ctx;
    const { job_id, token } = this.lease;
    for (;;) {
      await clock.sleep(options.extendEveryMs, this.finished.signal);
      if (this.finished.signal.aborted) return;
      try {
        await this.retrying(
          'extend',
          () => queue.extend({ job_id, token, seconds: options.extendSeconds }),
          this.finished.signal,
        );
      } catch (error) {
        const failure = asQueueError(error);
        if (this.finished.signal.aborted) return;
        this.ctx.events.error?.('extend', failure);
        if (failure.leaseLost || failure.kind === 'unauthorized') {
          this.lost = failure;
          this.cancel.abort();
          return;
        }
      }
    }
  }

  private async report(result: InferenceResult): Promise<{ outcome: JobOutcome; reason?: string }> {
    if (this.lost) return { outcome: 'lease-lost', reason: this.lost.message };
    const { job_id, token } = this.lease;
    const { queue } = this.ctx;
    if (result.ok && !this.released) {
      const args = { job_id, token, output: result.text, tokens_in: result.tokensIn, tokens_out: result.tokensOut };
      return this.send('complete', () => queue.complete(args), 'completed');
    }
    if (this.released) {
      return this.send(
        'fail',
        () => queue.fail({ job_id, token, reason: SHUTDOWN_REASON, retryable: true }),
        'released',
        SHUTDOWN_REASON,
      );
    }
    if (result.ok) throw new Error('unreachable');
    const outcome = result.retryable ? 'retried' : 'failed';
    return this.send(
      'fail',
      () => queue.fail({ job_id, token, reason: result.reason, retryable: result.retryable }),
      outcome,
      result.reason,
    );
  }

  private async send(
    call: QueueCall,
    op: () => Promise<unknown>,
    outcome: JobOutcome,
    reason?: string,
  ): Promise<{ outcome: JobOutcome; reason?: string }> {
    try {
      await this.retrying(call, op);
      return reason === undefined ? { outcome } : { outcome, reason };
    } catch (error) {
      const failure = asQueueError(error);
      this.ctx.events.error?.(call, failure);
      if (failure.leaseLost || failure.kind === 'unauthorized')
        return { outcome: 'lease-lost', reason: failure.message };
      return { outcome: 'report-failed', reason: failure.message };
    }
  }

  private retrying<T>(call: QueueCall, op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { clock, random, options, events } = this.ctx;
    return withRetry(op, {
      attempts: options.retryAttempts,
      baseMs: options.retryBaseMs,
      maxMs: options.retryMaxMs,
      clock,
      random,
      ...(signal ? { signal } : {}),
      onRetry: (error, _attempt, delay) => events.retry?.(call, error, delay),
    });
  }
}
