/** Time left to a deadline (seconds since epoch), ticking every second. */
import { useNow } from '../lib/state/use-now.ts';

export function remaining(deadlineSeconds: bigint, nowMs: number): string {
  const left = Number(deadlineSeconds) - Math.floor(nowMs / 1000);
  if (left <= 0) return 'voting closed';
  const d = Math.floor(left / 86_400);
  const h = Math.floor((left % 86_400) / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return d > 0 ? `${d} d ${h} h ${m} min left` : h > 0 ? `${h} h ${m} min left` : `${m} min ${s} s left`;
}

export function Countdown({ deadlineSeconds }: { deadlineSeconds: bigint }) {
  const now = useNow();
  return (
    <time dateTime={new Date(Number(deadlineSeconds) * 1000).toISOString()} data-tid="countdown">
      {remaining(deadlineSeconds, now)}
    </time>
  );
}
