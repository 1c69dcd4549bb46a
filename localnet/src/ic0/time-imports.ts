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
      const m = host.message('performance_counter');
      if (type !== 0 && type !== 1) throw new Trap(`ic0.performance_counter: unknown counter type ${type}`);
      return BigInt(Math.round((performance.now() - m.started) * 1e6)); // ~1 instruction per ns
    },
  };
}
