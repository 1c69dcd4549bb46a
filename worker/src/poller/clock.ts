/** Time as the poller sees it; injected so tests run on a fake clock without real timers. */
export interface Clock {
  /** epoch milliseconds */
  now(): number;
  /** resolves after `ms`, or at once when `signal` aborts (never rejects) */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** A random number in [0, 1). */
export type Random = () => number;
