/**
 * A worker's completion latencies as a bounded log-scale histogram, for p50/p95 without keeping samples.
 *
 * Bucket 0 holds 0 ms; bucket i ≥ 1 holds latencies in [2^((i-1)/4), 2^(i/4)) ms: four buckets per doubling, so
 * 129 buckets cover 0 ms to 2^32 ms (~50 days; longer lands in the last). Recording is one increment (O(1), the
 * record grows by at most one entry); a quantile walks the at most 129 non-empty buckets. A quantile answers the
 * geometric middle of its bucket, rounded to a whole ms, so it is within a factor 2^(1/8) (±9 %, plus half a ms of
 * rounding) of the latency at that rank (exact below 8 ms, where no bucket holds two whole milliseconds), and
 * never above the exact maximum. That is
 * finer than anything the figures are read for (a worker at 2 s vs one at 3 s), at a fixed size per worker
 * whatever its job count, where exact quantiles would need every sample. The histogram covers the worker's whole
 * life, as its other counters do.
 */

/** Sparse counts by bucket index (as a string key: the record is stored as JSON). */
export type LatencyHistogram = Record<string, number>;

const BUCKETS_PER_DOUBLING = 4;
export const LAST_BUCKET = 32 * BUCKETS_PER_DOUBLING;

export function bucketOf(ms: bigint): number {
  if (ms <= 0n) return 0;
  const exact = Math.floor(Math.log2(Number(ms)) * BUCKETS_PER_DOUBLING) + 1;
  // log2 of an exact power of two can land a hair below the integer in floating point: settle on the bounds.
  const index = Math.min(exact, LAST_BUCKET);
  if (index > 1 && Number(ms) < lowerBound(index)) return index - 1;
  if (index < LAST_BUCKET && Number(ms) >= lowerBound(index + 1)) return index + 1;
  return index;
}

const lowerBound = (index: number): number => 2 ** ((index - 1) / BUCKETS_PER_DOUBLING);

/** Adds one latency (mutates `histogram`). */
export function recordLatency(histogram: LatencyHistogram, ms: bigint): void {
  const key = String(bucketOf(ms));
  histogram[key] = (histogram[key] ?? 0) + 1;
}

/**
 * The latency at quantile q (0 < q ≤ 1, nearest rank) as its bucket's geometric middle, capped by `maxMs`;
 * undefined for an empty histogram.
 */
export function latencyQuantile(histogram: LatencyHistogram, q: number, maxMs: bigint): bigint | undefined {
  const buckets = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [index, count] of buckets) {
    seen += count;
    if (seen < rank) continue;
    if (index === 0) return 0n;
    const middle = BigInt(Math.round(2 ** ((index - 0.5) / BUCKETS_PER_DOUBLING)));
    return middle < maxMs ? middle : maxMs;
  }
  return maxMs;
}
