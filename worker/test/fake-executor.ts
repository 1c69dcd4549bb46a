import type { InferenceResult } from '../src/inference/index.ts';
import type { Lease } from '../src/queue/client.ts';

export const success = (text = 'hello'): InferenceResult => ({
  ok: true,
  text,
  tokensIn: 5,
  tokensOut: 3,
  ms: 1,
  stopReason: 'max-tokens',
});

/** Jobs run until the test finishes them (or their signal aborts, which answers `cancelled`, as ModelHost does). */
export class ManualExecutor {
  readonly started: Lease[] = [];
  private readonly finishers = new Map<bigint, (result: InferenceResult) => void>();

  readonly execute = (lease: Lease, signal: AbortSignal): Promise<InferenceResult> => {
    this.started.push(lease);
    return new Promise((resolve) => {
      this.finishers.set(lease.job_id, resolve);
      signal.addEventListener(
        'abort',
        () => {
          this.finishers.delete(lease.job_id);
          resolve({
            ok: false,
            code: 'cancelled',
            reason: 'cancelled',
            retryable: true,
            tokensIn: 5,
            tokensOut: 1,
            ms: 1,
          });
        },
        { once: true },
      );
    });
  };

  finish(jobId: number, result: InferenceResult = success()): void {
    const finisher = this.finishers.get(BigInt(jobId));
    if (!finisher) throw new Error(`job ${jobId} is not running`);
    this.finishers.delete(BigInt(jobId));
    finisher(result);
  }

  get running(): number[] {
    return [...this.finishers.keys()].map(Number);
  }
}

/** Every job succeeds at once. */
export const instantExecutor = async (): Promise<InferenceResult> => success();
