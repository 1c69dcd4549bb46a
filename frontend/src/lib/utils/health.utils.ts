/**
 * A worker's health from its last heartbeat (the worker sends one every 30 s by default): online within
 * 90 s (three missed beats would be unusual), stale up to 5 min, offline after that or when it never beat.
 */
export type Health = 'online' | 'stale' | 'offline';

export const STALE_AFTER_S = 90;
export const OFFLINE_AFTER_S = 300;

export function health(lastHeartbeatNs: bigint | undefined, nowMs: number): { health: Health; ageSeconds?: number } {
  if (lastHeartbeatNs === undefined) return { health: 'offline' };
  const ageSeconds = Math.max(0, Math.floor((nowMs - Number(lastHeartbeatNs / 1_000_000n)) / 1000));
  return {
    health: ageSeconds > OFFLINE_AFTER_S ? 'offline' : ageSeconds > STALE_AFTER_S ? 'stale' : 'online',
    ageSeconds,
  };
}

export function ago(seconds: number): string {
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Milliseconds as people read them: 850 ms, 1.2 s, 42 s. */
export function duration(ms: bigint): string {
  if (ms < 1000n) return `${ms} ms`;
  const s = Number(ms) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/** Workers that can take a job now: active, with a heartbeat recent enough to count as online. */
export const onlineWorkers = (
  workers: ReadonlyArray<{ active: boolean; last_heartbeat?: bigint }>,
  nowMs: number,
): number => workers.filter((w) => w.active && health(w.last_heartbeat, nowMs).health === 'online').length;

/**
 * A worker's completion latency as "p50 / p95 (max)"; "no jobs yet" before its first completion. The quantiles come from
 * the queue's log-scale histogram (within ±9 %); a worker recorded before it has only the max.
 */
export function latencySummary(w: {
  latency_ms_p50?: bigint;
  latency_ms_p95?: bigint;
  latency_ms_max: bigint;
  completed: bigint;
}): string {
  if (w.completed === 0n) return 'no jobs yet';
  const max = `max ${duration(w.latency_ms_max)}`;
  if (w.latency_ms_p50 === undefined || w.latency_ms_p95 === undefined) return max;
  return `${duration(w.latency_ms_p50)} / ${duration(w.latency_ms_p95)} (${max})`;
}
