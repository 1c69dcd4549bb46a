/**
 * Calls from outside the network: ingress updates (inspect_message first, then queued as a call) and
 * query calls (executed at once, non-replicated, every change discarded).
 */
import { unavailable } from './canister.ts';
import { MANAGEMENT_TEXT, type Network } from './network.ts';
import type { Scheduler } from './scheduler.ts';
import { RejectCode, rejectOf, trapped, type CallResult, type Reject } from './reject.ts';

export type IngressDecision = { refused: Reject } | { accepted: true };

/** Management canister methods that only canisters may call (interface spec, "The IC management canister"). */
const CANISTER_ONLY = new Set(['create_canister', 'raw_rand', 'deposit_cycles']);

function refuseManagementIngress(method: string): CallResult | undefined {
  if (CANISTER_ONLY.has(method))
    return rejectOf(RejectCode.CANISTER_REJECT, `Only canisters can call ic00 method ${method}`);
  return undefined;
}

export class Ingress {
  constructor(
    private readonly net: Network,
    private readonly scheduler: Scheduler,
    private readonly managementQuery: (method: string, arg: Uint8Array, caller: Uint8Array) => CallResult,
  ) {}

  /**
   * Submits an ingress update: `decided` learns whether it was accepted (inspect_message passed) or refused.
   * `executed` settles once the round that inducted it has run and the network is idle again; `result` then
   * too, or, for a call held open across rounds (its canister polls in a loop of awaits), when it is answered
   * in a later round: other messages run meanwhile.
   */
  submit(
    target: string,
    method: string,
    arg: Uint8Array,
    caller: Uint8Array,
    decided: (d: IngressDecision) => void = () => {},
    key?: string,
  ): { executed: Promise<unknown>; result: Promise<CallResult> } {
    let answered!: (r: CallResult) => void;
    const later = new Promise<CallResult>((resolve) => (answered = resolve));
    const now = this.scheduler.exclusive(async (): Promise<CallResult | undefined> => {
      const refused =
        target === MANAGEMENT_TEXT ? refuseManagementIngress(method) : await this.inspect(target, method, arg, caller);
      if (refused) {
        decided({ refused: (refused as { reject: Reject }).reject });
        return refused;
      }
      decided({ accepted: true });
      let result: CallResult | undefined;
      this.net.queue.push({
        kind: 'call',
        target,
        method,
        arg,
        caller,
        cycles: 0n,
        origin: {
          type: 'ingress',
          done: (r) => {
            result = r;
            answered(r);
          },
          ...(key === undefined ? {} : { key }),
        },
      });
      await this.scheduler.drain();
      if (result === undefined && !this.scheduler.waiting)
        return rejectOf(RejectCode.SYS_UNKNOWN, 'the call did not complete');
      return result;
    });
    return { executed: now, result: now.then((r) => r ?? later) };
  }

  /** canister_inspect_message, when the canister exports it: a refusal, or undefined when the message may go in. */
  private async inspect(
    target: string,
    method: string,
    arg: Uint8Array,
    caller: Uint8Array,
  ): Promise<CallResult | undefined> {
    const c = this.net.canisters.get(target);
    const refused = unavailable(target, c);
    if (refused) return refused;
    const exports = c!.proc!.exports;
    if (!exports.has(`canister_update ${method}`) && !exports.has(`canister_query ${method}`)) {
      return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} has no update method '${method}'`, 'IC0536');
    }
    if (!exports.has('canister_inspect_message')) return undefined;
    const r = await this.net.run(c!, {
      kind: 'F',
      exportName: 'canister_inspect_message',
      arg,
      caller,
      methodName: method,
      commit: false,
    });
    this.net.log(target, r.logs);
    if (r.trap)
      return rejectOf(RejectCode.CANISTER_REJECT, `Canister ${target} rejected the message: ${r.trap}`, 'IC0406');
    if (!r.accepted)
      return rejectOf(
        RejectCode.CANISTER_REJECT,
        `Canister ${target} rejected the message: it did not call ic0.accept_message`,
        'IC0406',
      );
    return undefined;
  }

  /** A query call (non-replicated): every change is discarded; calls to other canisters are not allowed. */
  query(target: string, method: string, arg: Uint8Array, caller: Uint8Array): Promise<CallResult> {
    return this.scheduler.exclusive(async () => {
      if (target === MANAGEMENT_TEXT) return this.managementQuery(method, arg, caller);
      const c = this.net.canisters.get(target);
      const refused = unavailable(target, c);
      if (refused) return refused;
      const exportName = `canister_query ${method}`;
      if (!c!.proc!.exports.has(exportName)) {
        const composite = c!.proc!.exports.has(`canister_composite_query ${method}`);
        return rejectOf(
          RejectCode.CANISTER_ERROR,
          composite
            ? `Canister ${target}: composite queries are not supported by localnet yet`
            : `Canister ${target} has no query method '${method}'`,
          'IC0536',
        );
      }
      const r = await this.net.run(c!, { kind: 'NRQ', exportName, arg, caller, methodName: method, commit: false });
      if (r.trap) return trapped(target, r.trap);
      if (r.reply) return { reply: r.reply };
      if (r.reject !== undefined) return rejectOf(RejectCode.CANISTER_REJECT, r.reject);
      return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} did not reply to the call`, 'IC0506');
    });
  }
}
