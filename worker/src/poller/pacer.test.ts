import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.ts';

const paced = (callMs: number, jobMs: number) => {
  const pacer = new Pacer();
  pacer.observeCall(callMs);
  pacer.observeJob(jobMs);
  return pacer;
};

describe('Pacer', () => {
  it('holds one lease ahead until it has measured a call and a job', () => {
    expect(new Pacer().depth({ concurrency: 2, maxPrefetch: 8 })).toBe(1);
  });

  it('holds enough leases ahead to cover a lease call with headroom, per slot', () => {
    expect(paced(50, 800).depth({ concurrency: 1, maxPrefetch: 8 })).toBe(1); // localnet: a call is short
    expect(paced(1_100, 800).depth({ concurrency: 1, maxPrefetch: 8 })).toBe(3); // mainnet-like finality
    expect(paced(1_100, 800).depth({ concurrency: 2, maxPrefetch: 8 })).toBe(5);
  });

  it('stays within maxPrefetch, half a lease of waiting, and the queue cap on leases per worker', () => {
    expect(paced(2_000, 10).depth({ concurrency: 1, maxPrefetch: 4 })).toBe(4);
    expect(paced(2_000, 100).depth({ concurrency: 1, maxPrefetch: 64, leaseSeconds: 5 })).toBe(25);
    expect(paced(2_000, 100).depth({ concurrency: 1, maxPrefetch: 64, maxLeases: 3 })).toBe(2);
    expect(paced(2_000, 100).depth({ concurrency: 4, maxPrefetch: 64, maxLeases: 4 })).toBe(0);
    expect(paced(2_000, 60_000).depth({ concurrency: 1, maxPrefetch: 8, leaseSeconds: 60 })).toBe(1);
  });

  it('follows the measurements as they move (weighted mean)', () => {
    const pacer = paced(100, 1_000);
    for (let i = 0; i < 20; i++) pacer.observeCall(2_000);
    expect(pacer.depth({ concurrency: 1, maxPrefetch: 8 })).toBe(3);
  });
});
