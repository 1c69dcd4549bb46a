import type { JobReport, QueueCall } from '../poller/types.ts';
import type { QueueError } from '../queue/errors.ts';

export type LineWriter = (line: string) => void;

/** One JSON line per finished job, and per notable event, for log shippers. */
export function jobLine(r: JobReport, now: Date = new Date()): string {
  return JSON.stringify({
    ts: now.toISOString(),
    event: 'job',
    id: r.jobId.toString(),
    model: r.model,
    attempt: r.attempt,
    tokens_in: r.tokensIn,
    tokens_out: r.tokensOut,
    ms: r.ms,
    run_ms: r.runMs,
    run_end: r.runEnd,
    outcome: r.outcome,
    ...(r.truncated ? { truncated: true } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  });
}

export function eventLine(event: string, fields: Record<string, unknown> = {}, now: Date = new Date()): string {
  return JSON.stringify({ ts: now.toISOString(), event, ...fields });
}

export const errorLine = (call: QueueCall, error: QueueError): string =>
  eventLine('queue-error', { call, kind: error.kind, message: error.message });
