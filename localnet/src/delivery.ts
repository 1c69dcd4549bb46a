/** Executes the three kinds of queued message on their canister: a call, a response to its callback, a timer. */
import { unavailable } from './canister.ts';
import type { CallContexts } from './call-contexts.ts';
import type { CallMessage, ResponseMessage, TimerMessage } from './messages.ts';
import { MANAGEMENT, type Network, type TaskSpec } from './network.ts';
import type { EntryKind } from './protocol.ts';
import { RejectCode, rejectOf } from './reject.ts';

export class Delivery {
  constructor(
    private readonly net: Network,
    private readonly contexts: CallContexts,
  ) {}

  /** An update (or a query executed as one, which commits nothing) in a new call context. */
  async call(m: CallMessage): Promise<void> {
    const c = this.net.canisters.get(m.target);
    const refused = unavailable(m.target, c);
    if (refused) return this.contexts.respondTo(m.origin, refused, m.cycles);
    let kind: EntryKind = 'U';
    let exportName = `canister_update ${m.method}`;
    if (!c!.proc!.exports.has(exportName)) {
      exportName = `canister_query ${m.method}`;
      kind = 'RQ';
      if (!c!.proc!.exports.has(exportName)) {
        return this.contexts.respondTo(
          m.origin,
          rejectOf(RejectCode.CANISTER_ERROR, `Canister ${m.target} has no update method '${m.method}'`, 'IC0536'),
          m.cycles,
        );
      }
    }
    const ctx = this.contexts.open(m.target, m.origin, m.method, m.caller, m.cycles);
    const r = await this.net.run(c!, {
      kind,
      exportName,
      arg: m.arg,
      caller: m.caller,
      methodName: m.method,
      commit: kind === 'U',
      cyclesAvailable: m.cycles,
    });
    this.contexts.settle(c!, ctx, r);
  }

  /** A response runs the reply or reject callback; if that traps, the cleanup callback runs (and commits). */
  async response(m: ResponseMessage): Promise<void> {
    const c = this.net.canisters.get(m.target);
    const cb = c?.callbacks.get(m.callbackId);
    if (!c || !cb) return;
    c.callbacks.delete(m.callbackId);
    const ctx = this.contexts.get(cb.contextId)!;
    ctx.outstanding--;
    c.balance += m.refund;
    if (!c.proc) return this.contexts.closeIfDone(c, ctx);
    const task: TaskSpec =
      'reply' in m.response
        ? { kind: 'Ry', callback: cb.reply, arg: m.response.reply, commit: true }
        : {
            kind: 'Rt',
            callback: cb.reject,
            rejectCode: m.response.reject.code,
            rejectMessage: m.response.reject.message,
            commit: true,
          };
    const inContext = { caller: ctx.caller, methodName: ctx.method };
    // The call context's cycles not yet accepted stay available to its callbacks until it is responded to.
    const cyclesAvailable = ctx.responded ? 0n : ctx.cyclesAvailable - ctx.cyclesAccepted;
    const r = await this.net.run(c, {
      ...task,
      ...inContext,
      canRespond: !ctx.responded,
      cyclesRefunded: m.refund,
      cyclesAvailable,
    });
    if (r.trap && cb.cleanup) {
      const cleanup = await this.net.run(c, {
        kind: 'C',
        callback: cb.cleanup,
        ...inContext,
        canRespond: false,
        commit: true,
      });
      if (cleanup.trap) this.net.log(c.idText, [`cleanup callback trapped: ${cleanup.trap}`]);
      else this.contexts.apply(c, ctx, cleanup);
    }
    this.contexts.settle(c, ctx, r);
  }

  /** `canister_global_timer` in a system call context (nobody to respond to). */
  async timer(m: TimerMessage): Promise<void> {
    const c = this.net.canisters.get(m.target);
    if (!c?.proc || c.status !== 'running') return;
    const caller = MANAGEMENT.toUint8Array();
    const ctx = this.contexts.open(c.idText, { type: 'system' }, 'canister_global_timer', caller, 0n);
    const r = await this.net.run(c, {
      kind: 'T',
      exportName: 'canister_global_timer',
      caller,
      canRespond: false,
      commit: true,
    });
    if (r.trap) this.net.log(c.idText, [`canister_global_timer trapped: ${r.trap}`]);
    this.contexts.settle(c, ctx, r);
  }
}
