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

/** Mean latency of completed jobs in ms, or undefined before the first. */
export const meanLatency = (w: { latency_ms_total: bigint; completed: bigint }) =>
  w.completed === 0n ? undefined : Number(w.latency_ms_total / w.completed);
