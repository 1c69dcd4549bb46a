/**
 * The llm canister's figures for people: its /metrics counters grouped as an operator reads them, the mean
 * time a call was held, and where its Prometheus text is scraped.
 */
import type { LlmMetrics } from '@gatehouse/clients';

import { duration } from './health.utils.ts';

type LlmFigures = Omit<LlmMetrics, 'polls' | 'cycles'>;

/** Outcomes in the order /metrics lists them; "refused" calls were never held (the canister said no at once). */
export const OUTCOMES = ['replied', 'timeout', 'failed', 'cancelled', 'expired', 'refused'] as const;

/** Calls that were held and have ended: every outcome but a refusal (held_ms_total sums exactly these). */
export const endedCalls = (m: LlmFigures): bigint => m.replied + m.timeout + m.failed + m.cancelled + m.expired;

/** The mean time an ended call was held open, in ms; undefined before the first one ended. */
export function meanHeldMs(m: LlmFigures): bigint | undefined {
  const ended = endedCalls(m);
  return ended === 0n ? undefined : m.held_ms_total / ended;
}

/** "2.0 s mean (8.0 s in all)", or what stands for it before a held call ended. */
export function heldSummary(m: LlmFigures): string {
  const mean = meanHeldMs(m);
  return mean === undefined ? 'no call has ended yet' : `${duration(mean)} mean (${duration(m.held_ms_total)} in all)`;
}

/**
 * The canister's /metrics URL: the local network's HTTP gateway takes the id as a query parameter, mainnet
 * serves it at the canister's raw domain (the text is not certified, as the LLM canister's is not).
 */
export function metricsUrl(o: { network: 'local' | 'ic'; host: string }, canisterId: string): string {
  return o.network === 'local'
    ? `${o.host.replace(/\/$/, '')}/metrics?canisterId=${canisterId}`
    : `https://${canisterId}.raw.icp0.io/metrics`;
}
