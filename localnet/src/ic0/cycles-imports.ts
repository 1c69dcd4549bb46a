/** Cycles: the balance, what the caller sent (available, accept), refunds, burning, and the cost of a call. */
import { u128 } from './heap.ts';
import type { Ic0Functions, Ic0Host } from './host.ts';

export function cyclesImports(host: Ic0Host): Ic0Functions {
  return {
    canister_cycle_balance128: (dst: number) =>
      host.heap.writeU128(dst, host.message('canister_cycle_balance128').balance),
    canister_liquid_cycle_balance128: (dst: number) =>
      host.heap.writeU128(dst, host.message('canister_liquid_cycle_balance128').balance),
    msg_cycles_available128: (dst: number) =>
      host.heap.writeU128(dst, host.message('msg_cycles_available128').cyclesAvailable),
    msg_cycles_refunded128: (dst: number) =>
      host.heap.writeU128(dst, host.message('msg_cycles_refunded128').task.cyclesRefunded),
    msg_cycles_accept128: (high: bigint, low: bigint, dst: number) =>
      host.heap.writeU128(dst, host.message('msg_cycles_accept128').accept(u128(high, low))),
    cycles_burn128: (high: bigint, low: bigint, dst: number) =>
      host.heap.writeU128(dst, host.message('cycles_burn128').burn(u128(high, low))),
    cost_call: (methodNameSize: bigint, payloadSize: bigint, dst: number) => {
      host.message('cost_call');
      host.heap.writeU128(dst, 260_000n + 1_000n * (methodNameSize + payloadSize));
    },
  };
}
