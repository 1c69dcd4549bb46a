/** Global timers (ic0.global_timer_set): when the queue is empty, each running canister's due timer fires once. */
import type { Network } from './network.ts';

/** Deactivates every due timer and queues a `canister_global_timer` message for it; false when none was due. */
export function fireDueTimers(net: Network): boolean {
  let fired = false;
  for (const c of net.canisters.values()) {
    if (c.proc && c.status === 'running' && c.globalTimer !== 0n && c.globalTimer <= net.timeNs) {
      c.globalTimer = 0n;
      if (c.proc.exports.has('canister_global_timer')) {
        net.queue.push({ kind: 'timer', target: c.idText });
        fired = true;
      }
    }
  }
  return fired;
}
