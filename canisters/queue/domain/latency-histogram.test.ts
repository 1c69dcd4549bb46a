import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bucketOf, LAST_BUCKET, latencyQuantile, recordLatency, type LatencyHistogram } from './latency-histogram.ts';

function histogramOf(samples: bigint[]): LatencyHistogram {
  const h: LatencyHistogram = {};
  for (const ms of samples) recordLatency(h, ms);
  return h;
}

/** The nearest-rank quantile of the samples themselves. */
function exactQuantile(samples: bigint[], q: number): bigint {
  const sorted = [...samples].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('latency histogram', () => {
  it('puts powers of two at the start of their bucket and caps huge latencies in the last one', () => {
    expect(bucketOf(0n)).toBe(0);
    expect(bucketOf(1n)).toBe(1);
    expect(bucketOf(2n)).toBe(5);
    expect(bucketOf(1024n)).toBe(41);
    expect(bucketOf(1023n)).toBe(40);
    expect(bucketOf(2n ** 40n)).toBe(LAST_BUCKET);
  });

  it('answers nothing when empty and the sample itself for small latencies', () => {
    expect(latencyQuantile({}, 0.5, 0n)).toBeUndefined();
    for (let ms = 0n; ms < 8n; ms++) expect(latencyQuantile(histogramOf([ms]), 0.95, ms)).toBe(ms);
  });

  it('stays bounded: one entry per distinct bucket, at most 129', () => {
    const h = histogramOf(Array.from({ length: 5000 }, (_, i) => BigInt(i * 997)));
    expect(Object.keys(h).length).toBeLessThanOrEqual(LAST_BUCKET + 1);
    expect(Object.values(h).reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('p50 and p95 are within 2^(1/8) (+0.5 ms) of the exact nearest-rank quantiles and never above the max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.95),
        (samples, q) => {
          const max = samples.reduce((a, b) => (a > b ? a : b));
          const got = Number(latencyQuantile(histogramOf(samples), q, max));
          const exact = Number(exactQuantile(samples, q));
          expect(got).toBeLessThanOrEqual(Number(max));
          expect(got).toBeGreaterThanOrEqual(exact * 2 ** -0.125 - 0.5);
          expect(got).toBeLessThanOrEqual(exact * 2 ** 0.125 + 0.5);
        },
      ),
    );
  });

  it('separates a slow tail from the median', () => {
    const samples = [...Array<bigint>(90).fill(200n), ...Array<bigint>(10).fill(5000n)];
    const h = histogramOf(samples);
    const p50 = Number(latencyQuantile(h, 0.5, 5000n));
    const p95 = Number(latencyQuantile(h, 0.95, 5000n));
    expect(p50).toBeGreaterThan(180);
    expect(p50).toBeLessThan(220);
    expect(p95).toBeGreaterThan(4500);
    expect(p95).toBeLessThanOrEqual(5000);
  });
});
