/** What flows through the network: call contexts, their origins and callbacks, and the queued messages. */
import type { Callback } from './protocol.ts';
import type { CallResult } from './reject.ts';

/** Who is waiting for a call context's response. */
export type Origin =
  // `key` names the caller across a restart (call-state.ts): the HTTP server's request id.
  | { type: 'ingress'; done: (r: CallResult) => void; key?: string }
  | { type: 'canister'; canister: string; callbackId: number }
  | { type: 'system' };

export interface CallContext {
  id: number;
  canister: string;
  origin: Origin;
  responded: boolean;
  /** Outgoing calls made in this context whose response has not been handled yet. */
  outstanding: number;
  cyclesAvailable: bigint;
  cyclesAccepted: bigint;
  method: string;
  caller: Uint8Array;
  /** `target method` of every call this context has sent: a repeat waits for the next round (scheduler.ts). */
  sent: Set<string>;
}

export interface PendingCallback {
  contextId: number;
  reply: Callback;
  reject: Callback;
  cleanup?: Callback;
}

export type CallMessage = {
  kind: 'call';
  target: string;
  method: string;
  arg: Uint8Array;
  caller: Uint8Array;
  cycles: bigint;
  origin: Origin;
};
export type ResponseMessage = {
  kind: 'response';
  target: string;
  callbackId: number;
  response: CallResult;
  refund: bigint;
};
export type TimerMessage = { kind: 'timer'; target: string };
export type Message = CallMessage | ResponseMessage | TimerMessage;
