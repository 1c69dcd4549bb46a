/** Bounded restarts: at most `maxRestarts` within `windowMs`, with exponential backoff between attempts. */
export interface RestartPolicyOptions {
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export class RestartPolicy {
  private attempts: number[] = [];

  constructor(private readonly options: RestartPolicyOptions) {}

  /** Delay before the next restart, or null when the budget for the window is spent. */
  next(now: number): number | null {
    const { maxRestarts, windowMs, baseDelayMs, maxDelayMs } = this.options;
    this.attempts = this.attempts.filter((t) => now - t < windowMs);
    if (this.attempts.length >= maxRestarts) return null;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** this.attempts.length);
    this.attempts.push(now);
    return delay;
  }

  get recentAttempts(): number {
    return this.attempts.length;
  }
}
