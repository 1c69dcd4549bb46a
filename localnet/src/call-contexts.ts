/**
 * Call contexts: opened when a call (or timer, or install) starts executing, closed once responded and no
 * outgoing call is outstanding. Applies committed executions' effects, sends their calls, delivers responses.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import type { Canister } from './canister.ts';
import type { CallContext, Origin } from './messages.ts';
import type { Network } from './network.ts';
import type { ExecResult, OutgoingCall } from './protocol.ts';
import { RejectCode, rejectOf, trapped, type CallResult } from './reject.ts';

export class CallContexts {
  private readonly contexts = new Map<number, CallContext>();
  private nextContext = 1;
  private nextCallback = 1;

  constructor(private readonly net: Network) {}

  get(id: number): CallContext | undefined {
    return this.contexts.get(id);
  }

  /** The open contexts, for a saved network (call-state.ts). */
  list(): CallContext[] {
    return [...this.contexts.values()];
  }

  get counters(): { nextContext: number; nextCallback: number } {
    return { nextContext: this.nextContext, nextCallback: this.nextCallback };
  }

  /** A saved network's open contexts, back on their canisters; ids go on from the saved counters. */
  restore(contexts: CallContext[], counters: { nextContext: number; nextCallback: number }): void {
    for (const ctx of contexts) {
      this.contexts.set(ctx.id, ctx);
      const c = this.net.canisters.get(ctx.canister);
      if (c) c.openContexts++;
    }
    this.nextContext = counters.nextContext;
    this.nextCallback = counters.nextCallback;
  }

  open(canister: string, origin: Origin, method: string, caller: Uint8Array, cycles: bigint): CallContext {
    const ctx: CallContext = {
      id: this.nextContext++,
      canister,
      origin,
      responded: false,
      outstanding: 0,
      cyclesAvailable: cycles,
      cyclesAccepted: 0n,
      method,
      caller,
      sent: new Set(),
    };
    this.contexts.set(ctx.id, ctx);
    const c = this.net.canisters.get(canister);
    if (c) c.openContexts++;
    return ctx;
  }

  /** Applies a committed execution's effects: cycles, timer, certified data, outgoing calls. */
  apply(c: Canister, ctx: CallContext, r: ExecResult): void {
    c.balance += r.cyclesAccepted - r.cyclesBurned;
    ctx.cyclesAccepted += r.cyclesAccepted;
    c.globalTimer = r.globalTimer;
    if (r.certifiedData) c.certifiedData = r.certifiedData;
    c.version++;
    for (const call of r.calls) this.send(c, ctx, call);
  }

  private send(c: Canister, ctx: CallContext, call: OutgoingCall): void {
    c.balance -= call.cycles;
    const callbackId = this.nextCallback++;
    c.callbacks.set(callbackId, { contextId: ctx.id, reply: call.reply, reject: call.reject, cleanup: call.cleanup });
    ctx.outstanding++;
    let target: string;
    try {
      target = Principal.fromUint8Array(call.callee).toText();
    } catch {
      target = '';
    }
    // A context calling the same method again (a canister polling in a loop of awaits, as a held call does)
    // is delivered in the next round, as on the IC, instead of spinning through the queue in this one.
    const key = `${target} ${call.method}`;
    const repeat = ctx.sent.has(key);
    ctx.sent.add(key);
    (repeat ? this.net.nextRound : this.net.queue).push({
      kind: 'call',
      target,
      method: call.method,
      arg: call.arg,
      caller: c.idBytes,
      cycles: call.cycles,
      origin: { type: 'canister', canister: c.idText, callbackId },
    });
  }

  /** After an execution in a call context: respond if it replied/rejected/trapped, or "did not reply" once nothing is outstanding. */
  settle(c: Canister, ctx: CallContext, r: ExecResult): void {
    this.net.log(c.idText, r.logs);
    if (r.trap) {
      // A trap in the message that would have replied: the caller learns of it now, unless calls are still out
      // (then a later callback may still reply; it is rejected when the last one settles).
      if (!ctx.responded && ctx.outstanding === 0) this.respond(ctx, trapped(c.idText, r.trap));
    } else {
      this.apply(c, ctx, r);
      if (r.reply) this.respond(ctx, { reply: r.reply });
      else if (r.reject !== undefined) this.respond(ctx, rejectOf(RejectCode.CANISTER_REJECT, r.reject));
    }
    if (!ctx.responded && ctx.outstanding === 0 && ctx.origin.type !== 'system') {
      this.respond(
        ctx,
        rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} did not reply to the call`, 'IC0506'),
      );
    }
    this.closeIfDone(c, ctx);
  }

  closeIfDone(c: Canister, ctx: CallContext): void {
    if (ctx.outstanding > 0 || (!ctx.responded && ctx.origin.type !== 'system')) return;
    if (!this.contexts.delete(ctx.id)) return;
    c.openContexts--;
    if (c.status === 'stopping' && c.openContexts === 0) this.finishStopping(c);
  }

  respond(ctx: CallContext, result: CallResult): void {
    ctx.responded = true;
    this.respondTo(ctx.origin, result, ctx.cyclesAvailable - ctx.cyclesAccepted);
  }

  /** Responds and closes a context that has no canister of its own (a management canister call). */
  finish(ctx: CallContext, result: CallResult): void {
    this.respond(ctx, result);
    this.contexts.delete(ctx.id);
  }

  respondTo(origin: Origin, result: CallResult, refund: bigint): void {
    if (origin.type === 'ingress') origin.done(result);
    else if (origin.type === 'canister')
      this.net.queue.push({
        kind: 'response',
        target: origin.canister,
        callbackId: origin.callbackId,
        response: result,
        refund,
      });
  }

  /** The last call context closed on a stopping canister: it is stopped, and the stop_canister calls succeed. */
  finishStopping(c: Canister): void {
    c.status = 'stopped';
    c.version++;
    for (const w of c.stopWaiters.splice(0)) this.finish(w, { reply: new Uint8Array(IDL.encode([], [])) });
  }

  /** The canister's code is gone: its callbacks will never run; contexts waiting only on them are rejected. */
  rejectOutstandingCallbacks(c: Canister): void {
    for (const [id, cb] of c.callbacks) {
      c.callbacks.delete(id);
      const ctx = this.contexts.get(cb.contextId);
      if (!ctx) continue;
      ctx.outstanding--;
      if (!ctx.responded && ctx.outstanding === 0)
        this.respond(ctx, rejectOf(RejectCode.CANISTER_REJECT, 'Canister has been uninstalled.', 'IC0536'));
      this.closeIfDone(c, ctx);
    }
  }
}
