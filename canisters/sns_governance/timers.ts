import { setTimer } from 'azle';

import { executePending, processProposals, type GovernanceEnv } from './domain/flows.ts';
import { hasPendingCalls, nextDeadline } from './domain/process.ts';
import type { GovernanceStores } from './domain/stores.ts';

/** The timers that decide proposals at their deadline and run adopted executions. */
export function deadlineTimers(stores: GovernanceStores, env: () => GovernanceEnv, nowSeconds: () => bigint) {
  /** Fire times (seconds) of the deadline timers already set; heap only, re-armed by postUpgrade. */
  const armedAt = new Set<bigint>();

  /**
   * A timer at the earliest open deadline: deciding then is what the real periodic task does.
   * Timers are never cleared: clearTimer of the pending one-shot timer from manage_neuron trapped
   * ("already borrowed: BorrowMutError" in rquickjs) with azle 0.33 on localnet. A timer that
   * finds nothing to decide is harmless.
   */
  function armDeadlineTimer(): void {
    const next = nextDeadline(stores);
    if (next === undefined || armedAt.has(next)) return;
    const now = nowSeconds();
    armedAt.add(next);
    setTimer(next > now ? Number(next - now) : 0, async () => {
      armedAt.delete(next);
      const processing = processProposals(env());
      armDeadlineTimer();
      await processing;
    });
  }

  /** After a state change: re-arm the deadline timer and run adopted executions in their own message. */
  function afterChange(): void {
    armDeadlineTimer();
    if (hasPendingCalls(stores)) setTimer(0, () => executePending(env()));
  }

  return { armDeadlineTimer, afterChange };
}
