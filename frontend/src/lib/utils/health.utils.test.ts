import { describe, expect, it } from 'vitest';

import { ago, duration, health, latencySummary, onlineWorkers } from './health.utils.ts';

const NOW = 1_700_000_000_000;
const beat = (secondsAgo: number) => BigInt(NOW - secondsAgo * 1000) * 1_000_000n;

describe('worker health', () => {
  it('is online, stale, then offline as the last heartbeat ages', () => {
    expect(health(beat(10), NOW)).toEqual({ health: 'online', ageSeconds: 10 });
    expect(health(beat(91), NOW).health).toBe('stale');
    expect(health(beat(301), NOW).health).toBe('offline');
    expect(health(undefined, NOW)).toEqual({ health: 'offline' });
  });

  it('counts as online only active workers with a recent heartbeat', () => {
    expect(onlineWorkers([], NOW)).toBe(0);
    const workers = [
      { active: true, last_heartbeat: beat(5) },
      { active: false, last_heartbeat: beat(5) },
      { active: true, last_heartbeat: beat(120) },
      { active: true },
    ];
    expect(onlineWorkers(workers, NOW)).toBe(1);
  });

  it('formats ages and durations', () => {
    expect(ago(42)).toBe('42 s ago');
    expect(ago(7200)).toBe('2 h ago');
    expect(duration(850n)).toBe('850 ms');
    expect(duration(1_240n)).toBe('1.2 s');
    expect(duration(42_400n)).toBe('42 s');
  });

  it('summarises latency as p50 / p95 (max), the max alone for records without quantiles, "no jobs yet" before any', () => {
    const w = { latency_ms_p50: 310n, latency_ms_p95: 2_400n, latency_ms_max: 9_000n, completed: 12n };
    expect(latencySummary(w)).toBe('310 ms / 2.4 s (max 9.0 s)');
    expect(latencySummary({ latency_ms_max: 700n, completed: 3n })).toBe('max 700 ms');
    expect(latencySummary({ latency_ms_max: 0n, completed: 0n })).toBe('no jobs yet');
  });
});
