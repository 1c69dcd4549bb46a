import { family } from '../../shared/domain/prometheus.ts';
import type { Outcome } from './hold.ts';
import { countersCell, type LlmStores } from './state.ts';

export interface LlmMetrics {
  chats_v0: bigint;
  chats_v1: bigint;
  replied: bigint;
  timeout: bigint;
  failed: bigint;
  cancelled: bigint;
  expired: bigint;
  refused: bigint;
  polls: bigint;
  held: bigint;
  held_ms_total: bigint;
  cycles: bigint;
}

export function metrics(stores: LlmStores, cycles: bigint): LlmMetrics {
  const c = countersCell(stores).get();
  return {
    chats_v0: c.chats_v0,
    chats_v1: c.chats_v1,
    ...c.outcomes,
    polls: c.polls,
    held: c.held,
    held_ms_total: c.held_ns_total / 1_000_000n,
    cycles,
  };
}

const OUTCOMES: Outcome[] = ['replied', 'timeout', 'failed', 'cancelled', 'expired', 'refused'];

/** Prometheus text; the families an LLM canister scraper reads plus the held-call figures. */
export function metricsText(m: LlmMetrics): string {
  return (
    [
      family('gatehouse_llm_chats_total', 'counter', 'Chat calls accepted, by API version.', [
        ['{version="v0"}', m.chats_v0],
        ['{version="v1"}', m.chats_v1],
      ]),
      family(
        'gatehouse_llm_chat_outcomes_total',
        'counter',
        'Chat calls answered, by outcome (replied, or the reason of the rejection).',
        OUTCOMES.map((o) => [`{outcome="${o}"}`, m[o]]),
      ),
      family('gatehouse_llm_held_calls', 'gauge', 'Chat calls open now, waiting for a worker.', [['', m.held]]),
      family('gatehouse_llm_polls_total', 'counter', 'Job status reads made by held calls (one per round each).', [
        ['', m.polls],
      ]),
      family('gatehouse_llm_held_ms_total', 'counter', 'Sum of the time answered chat calls were held open, ms.', [
        ['', m.held_ms_total],
      ]),
      family('gatehouse_llm_cycles', 'gauge', 'Cycle balance of the llm canister.', [['', m.cycles]]),
    ].join('\n') + '\n'
  );
}
