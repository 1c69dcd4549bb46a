/** ic0.call_*: assembling an outgoing call and performing it (it leaves only if the message commits). */
import type { Callback } from '../protocol.ts';
import { text, type Ic0Functions, type Ic0Host } from './host.ts';
import { u128 } from './heap.ts';
import { concat } from './msg-imports.ts';
import { Trap } from './trap.ts';

const MAX_BEST_EFFORT_TIMEOUT_S = 300;

export function callImports(host: Ic0Host): Ic0Functions {
  const pending = (name: string) => host.message(name).pendingCall(name);
  return {
    call_new: (
      calleeSrc: number,
      calleeSize: number,
      nameSrc: number,
      nameSize: number,
      replyFun: number,
      replyEnv: number,
      rejectFun: number,
      rejectEnv: number,
    ) => {
      const m = host.message('call_new');
      m.pending = {
        callee: host.heap.read(calleeSrc, calleeSize),
        method: text(host.heap.read(nameSrc, nameSize)),
        arg: new Uint8Array(0),
        parts: [],
        cycles: 0n,
        reply: { fun: replyFun, env: replyEnv },
        reject: { fun: rejectFun, env: rejectEnv },
      };
    },
    call_on_cleanup: (fun: number, env: number) => {
      const p = pending('call_on_cleanup');
      if (p.cleanup) throw new Trap('ic0.call_on_cleanup: a cleanup callback is already set');
      p.cleanup = { fun, env } satisfies Callback;
    },
    call_data_append: (src: number, size: number) => pending('call_data_append').parts.push(host.heap.read(src, size)),
    call_cycles_add128: (high: bigint, low: bigint) => {
      const m = host.message('call_cycles_add128');
      const p = m.pendingCall('call_cycles_add128');
      const amount = u128(high, low);
      if (amount > m.balance) throw new Trap('ic0.call_cycles_add128: insufficient cycles balance');
      m.cyclesSent += amount;
      p.cycles += amount;
    },
    call_with_best_effort_response: (timeout: number) => {
      const p = pending('call_with_best_effort_response');
      if (p.timeoutSeconds !== undefined) throw new Trap('ic0.call_with_best_effort_response: timeout already set');
      p.timeoutSeconds = Math.min(timeout >>> 0, MAX_BEST_EFFORT_TIMEOUT_S);
    },
    call_perform: () => {
      const m = host.message('call_perform');
      const { parts, ...call } = m.pendingCall('call_perform');
      m.pending = undefined;
      m.calls.push({ ...call, arg: concat(parts) });
      return 0;
    },
  };
}
