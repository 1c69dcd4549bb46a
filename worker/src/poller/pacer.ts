/** Exponentially weighted mean; the first sample is taken as is. */
class Mean {
  value: number | undefined;
  constructor(private readonly weight: number) {}
  add(sample: number): void {
    this.value = this.value === undefined ? sample : this.value + this.weight * (sample - this.value);
  }
}

export interface PrefetchBounds {
  concurrency: number;
  maxPrefetch: number;
  /** the queue's lease_seconds: a prefetched lease should not wait more than half of it */
  leaseSeconds?: number;
  /** the queue's max_leases_per_worker */
  maxLeases?: number;
}

/**
 * How many leases to hold beyond the running jobs so the model never waits for the network. While one
 * lease call travels (`callMs`) the slots use up `concurrency × callMs / jobMs` jobs; that many must
 * already be in hand, with headroom for a slow call. Waiting in hand costs lease time, so the depth
 * also stays below what half a lease covers, and within the queue's per-worker cap.
 */
export class Pacer {
  private readonly call = new Mean(0.3);
  private readonly job = new Mean(0.3);

  observeCall(ms: number): void {
    this.call.add(ms);
  }
  observeJob(ms: number): void {
    if (ms > 0) this.job.add(ms);
  }

  get callMs(): number | undefined {
    return this.call.value;
  }
  get jobMs(): number | undefined {
    return this.job.value;
  }

  depth({ concurrency, maxPrefetch, leaseSeconds, maxLeases }: PrefetchBounds): number {
    const callMs = this.call.value;
    const jobMs = this.job.value;
    let depth = 1;
    if (callMs !== undefined && jobMs !== undefined) {
      depth = Math.ceil((concurrency * callMs * 1.5) / jobMs);
      if (leaseSeconds !== undefined) depth = Math.min(depth, Math.floor((concurrency * leaseSeconds * 500) / jobMs));
    }
    const cap = Math.min(maxPrefetch, maxLeases === undefined ? Infinity : maxLeases - concurrency);
    return Math.max(0, Math.min(Math.max(1, depth), cap));
  }
}
