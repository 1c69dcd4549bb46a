/** What one execution accumulates through the System API: its response, the calls it makes, cycles, timer, logs. */
import type { ExecTask, OutgoingCall } from '../protocol.ts';
import { Trap } from './trap.ts';

/** A call between ic0.call_new and ic0.call_perform. */
export interface PendingCall extends OutgoingCall {
  parts: Uint8Array[];
}

export class Message {
  reply: Uint8Array[] | undefined;
  replySize = 0;
  responded = false;
  result: { reply?: Uint8Array; reject?: string } = {};
  accepted = false;
  calls: OutgoingCall[] = [];
  pending: PendingCall | undefined;
  globalTimer: bigint;
  certifiedData: Uint8Array | undefined;
  cyclesAccepted = 0n;
  cyclesBurned = 0n;
  cyclesSent = 0n;
  logs: string[] = [];
  readonly started = performance.now();

  constructor(readonly task: ExecTask) {
    this.globalTimer = task.globalTimer;
  }

  get balance(): bigint {
    return this.task.balance + this.cyclesAccepted - this.cyclesBurned - this.cyclesSent;
  }

  /** Cycles the caller sent that are still there to accept: in an update, and in its callbacks until it is responded to. */
  get cyclesAvailable(): bigint {
    const k = this.task.kind;
    return k === 'U' || k === 'RQ' || k === 'Ry' || k === 'Rt' ? this.task.cyclesAvailable - this.cyclesAccepted : 0n;
  }

  /** Accepts up to `max` of the available cycles; returns the amount accepted. */
  accept(max: bigint): bigint {
    const take = max < this.cyclesAvailable ? max : this.cyclesAvailable;
    this.cyclesAccepted += take;
    return take;
  }

  /** Burns up to `amount` of the balance; returns the amount burned. */
  burn(amount: bigint): bigint {
    const burned = amount < this.balance ? amount : this.balance;
    this.cyclesBurned += burned;
    return burned;
  }

  /** Traps unless the call can still be replied to. */
  respondable(name: string): this {
    if (!this.task.canRespond || this.responded)
      throw new Trap(`ic0.${name}: the call is already replied or does not need a reply`);
    return this;
  }

  /** The call under construction; traps without one. */
  pendingCall(name: string): PendingCall {
    if (!this.pending) throw new Trap(`ic0.${name}: no call is being assembled (call ic0.call_new first)`);
    return this.pending;
  }
}
