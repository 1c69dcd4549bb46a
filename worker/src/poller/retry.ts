import { asQueueError, type QueueError } from '../queue/errors.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import type { Clock, Random } from './clock.ts';

export interface RetryOptions extends BackoffPolicy {
  /** total tries, including the first */
  attempts: number;
  clock: Clock;
  random: Random;
  /** stops waiting between tries (the last error is thrown) */
  signal?: AbortSignal;
  onRetry?: (error: QueueError, attempt: number, delayMs: number) => void;
}

/** Runs an idempotent queue call, retrying transient errors with jittered exponential backoff. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (thrown) {
      const error = asQueueError(thrown);
      if (!error.transient || attempt >= options.attempts || options.signal?.aborted) throw error;
      const delay = backoffDelay(attempt, options, options.random);
      options.onRetry?.(error, attempt, delay);
      await options.clock.sleep(delay, options.signal);
    }
  }
}
