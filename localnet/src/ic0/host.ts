/** What the System API functions see of the engine, and the shape of an import group. */
import type { Heap } from './heap.ts';
import type { Message } from './message.ts';
import type { StableMemory } from './stable-memory.ts';

export interface Ic0Host {
  readonly heap: Heap;
  readonly stable: StableMemory;
  readonly canisterId: Uint8Array;
  /** The running message; traps outside of one or when `ic0.<name>` is not allowed in its entry point. */
  message(name: string): Message;
  /** The running message, if any (debug_print works anywhere). */
  readonly current: Message | undefined;
  /** Instructions the running message has executed so far. */
  readonly instructions: bigint;
}

export type Ic0Functions = Record<string, (...args: any[]) => any>;

export const utf8 = new TextEncoder();
export const text = (b: Uint8Array) => new TextDecoder().decode(b);
