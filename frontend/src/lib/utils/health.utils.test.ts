import { describe, expect, it } from 'vitest';

import { ago, health, meanLatency } from './health.utils.ts';

const NOW = 1_700_000_000_000;
const beat = (secondsAgo: number) => BigInt(NOW - secondsAgo * 1000) * 1_000_000n;

describe('worker health', () => {
  it('is online, stale, then offline as the last heartbeat ages', () => {
    expect(health(beat(10), NOW)).toEqual({ health: 'online', ageSeconds: 10 });
    expect(health(beat(91), NOW).health).toBe('stale');
    expect(health(beat(301), NOW).health).toBe('offline');
    expect(health(undefined, NOW)).toEqual({ health: 'offline' });
  });

  it('formats ages and mean latency', () => {
    expect(ago(42)).toBe('42 s ago');
    expect(ago(7200)).toBe('2 h ago');
    expect(meanLatency({ latency_ms_total: 900n, completed: 3n })).toBe(300);
    expect(meanLatency({ latency_ms_total: 0n, completed: 0n })).toBeUndefined();
  });
});
