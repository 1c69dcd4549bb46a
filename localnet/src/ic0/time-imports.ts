/** Time, the global timer and the performance counter. */
import type { Ic0Functions, Ic0Host } from './host.ts';
import { Trap } from './trap.ts';

export function timeImports(host: Ic0Host): Ic0Functions {
  return {
    time: () => host.message('time').task.timeNs,
    global_timer_set: (ts: bigint) => {
      const m = host.message('global_timer_set');
      const old = m.globalTimer;
      m.globalTimer = BigInt.asUintN(64, ts);
      return old;
    },
    performance_counter: (type: number) => {
      host.message('performance_counter');
      if (type !== 0 && type !== 1) throw new Trap(`ic0.performance_counter: unknown counter type ${type}`);
      // Type 1 (the call context's instructions) is this message's too: localnet does not sum across callbacks.
      return host.instructions;
    },
  };
}
