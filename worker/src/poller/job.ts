import type { InferenceResult } from '../inference/index.ts';
import { asQueueError, type QueueError } from '../queue/errors.ts';
import type { CompleteArgs, Lease, QueueClient } from '../queue/client.ts';
import type { Clock, Random } from './clock.ts';
import { truncateUtf8 } from './output.ts';
import { withRetry } from './retry.ts';
import type { JobExecutor, JobOutcome, JobReport, PollerEvents, PollerOptions, QueueCall } from './types.ts';

export const SHUTDOWN_REASON = 'worker shutting down';

/** What the queue told the worker about its rules (undefined until read). */
export interface QueueLimits {
  leaseSeconds?: number;
  maxOutputBytes?: number;
}

export interface JobContext {
  queue: QueueClient;
  clock: Clock;
  random: Random;
  execute: JobExecutor;
  options: PollerOptions;
  events: PollerEvents;
  limits(): QueueLimits;
  /** called synchronously when inference ended, before the report is sent */
  executed(result: InferenceResult): void;
  /** the first try of a completion: the poller may let it carry the next lease (complete_and_lease) */
  complete(args: CompleteArgs): Promise<void>;
}

interface Verdict {
  outcome: JobOutcome;
  reason?: string;
  truncated?: boolean;
}

/**
 * One leased job: from the lease on it keeps the lease alive (also while it waits for a model slot),
 * runs it, and reports the result exactly as the queue expects (complete with the lease token, or fail
 * retryable / not retryable).
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
    const runEnd = this.ctx.clock.now();
    this.finished.abort();
    this.ctx.executed(result);
    // Reported at once: an extend still in flight must not hold the completion (nor the next lease) back.
    const verdict = await this.report(result);
    await extender;
    const report: JobReport = {
      jobId: this.lease.job_id,
      model: this.lease.model,
      attempt: this.lease.attempt,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      ms: this.ctx.clock.now() - started,
      runMs: result.ms,
      runEnd,
      ...verdict,
    };
    this.ctx.events.job?.(report);
    return report;
  }

  /**
   * Extends every third of the lease's length (the queue's lease_seconds, whatever governance set it to)
   * or every extendEveryMs when that is sooner, asking for at least lease_seconds each time.
   */
  private async keepExtending(): Promise<void> {
    const { clock, options, queue } = this.ctx;
    const { job_id, token } = this.lease;
    for (;;) {
      const { leaseSeconds } = this.ctx.limits();
      const every = Math.min(options.extendEveryMs, leaseSeconds === undefined ? Infinity : (leaseSeconds * 1000) / 3);
      const seconds = Math.max(options.extendSeconds, leaseSeconds ?? 0);
      await clock.sleep(every, this.finished.signal);
      if (this.finished.signal.aborted) return;
      try {
        await this.retrying('extend', () => queue.extend({ job_id, token, seconds }), this.finished.signal);
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

  private async report(result: InferenceResult): Promise<Verdict> {
    if (this.lost) return { outcome: 'lease-lost', reason: this.lost.message };
    const { job_id, token } = this.lease;
    if (this.released) return this.fail(SHUTDOWN_REASON, true, 'released');
    if (!result.ok) return this.fail(result.reason, result.retryable, result.retryable ? 'retried' : 'failed');

    const max = this.ctx.limits().maxOutputBytes;
    const output = max === undefined ? result.text : truncateUtf8(result.text, max);
    const truncated = output !== result.text;
    const calls = result.toolCalls?.length ? { tool_calls: result.toolCalls } : {};
    const args = { job_id, token, output, tokens_in: result.tokensIn, tokens_out: result.tokensOut, ...calls };
    let first = true;
    const verdict = await this.send(
      'complete',
      () => {
        const carry = first;
        first = false;
        return carry ? this.ctx.complete(args) : this.ctx.queue.complete(args);
      },
      'completed',
    );
    if (verdict.outcome === 'report-failed' && verdict.refused) {
      // The queue will never take this output (its limits changed under us): say why instead of letting
      // the lease run out and the job bounce between workers.
      return this.fail(`output refused by the queue: ${verdict.reason}`, false, 'failed');
    }
    return truncated ? { outcome: verdict.outcome, truncated } : strip(verdict);
  }

  private fail(reason: string, retryable: boolean, outcome: JobOutcome): Promise<Verdict> {
    const { job_id, token } = this.lease;
    return this.send('fail', () => this.ctx.queue.fail({ job_id, token, reason, retryable }), outcome, reason).then(
      strip,
    );
  }

  private async send(
    call: QueueCall,
    op: () => Promise<unknown>,
    outcome: JobOutcome,
    reason?: string,
  ): Promise<Verdict & { refused?: boolean }> {
    try {
      await this.retrying(call, op);
      return reason === undefined ? { outcome } : { outcome, reason };
    } catch (error) {
      const failure = asQueueError(error);
      this.ctx.events.error?.(call, failure);
      if (failure.leaseLost || failure.kind === 'unauthorized')
        return { outcome: 'lease-lost', reason: failure.message };
      const refused = failure.kind === 'invalid-input' || failure.kind === 'limit-exceeded';
      return { outcome: 'report-failed', reason: failure.message, ...(refused ? { refused } : {}) };
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

const strip = ({ outcome, reason }: Verdict): Verdict => (reason === undefined ? { outcome } : { outcome, reason });
