import type { Random } from './clock.ts';

export interface BackoffPolicy {
  /** delay of the first attempt before jitter */
  baseMs: number;
  /** no delay exceeds this */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th delay (n >= 1) is drawn from [d/2, d] where
 * d = min(maxMs, baseMs * 2^(n-1)). Half the delay is kept so a crowd of idle workers spreads out
 * without any of them hammering the queue.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
