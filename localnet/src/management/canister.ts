/**
 * The management canister (aaaaa-aa): decodes the argument, checks the caller is a controller where the
 * spec asks for it, and dispatches to the method. Each call has its own call context; stop_canister's
 * stays open until the canister has stopped.
 */
import { createHash } from 'node:crypto';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { replyWith, toPrincipal } from '../candid.ts';
import { isController, mayView, type Canister } from '../canister.ts';
import type { CallContexts } from '../call-contexts.ts';
import type { CallContext, CallMessage } from '../messages.ts';
import { MANAGEMENT_TEXT, type Network } from '../network.ts';
import { RejectCode, rejectOf, type CallResult, type Reject } from '../reject.ts';
import { createCanister } from './create.ts';
import * as M from './idl.ts';
import { installCode } from './install-code.ts';
import { deleteCanister, startCanister, stopCanister, uninstallCode } from './lifecycle.ts';
import { canisterStatus, fetchCanisterLogs, updateSettings } from './settings.ts';

/** A method's outcome; 'pending' when the response comes later (stop_canister). */
export type ManagementResult = CallResult | 'pending';

const notImplemented = (method: string) =>
  rejectOf(
    RejectCode.DESTINATION_INVALID,
    `Management canister method '${method}' is not implemented by localnet`,
    'IC0536',
  );

export class ManagementCanister {
  constructor(
    private readonly net: Network,
    private readonly contexts: CallContexts,
  ) {}

  async handle(m: CallMessage): Promise<void> {
    const ctx = this.contexts.open(MANAGEMENT_TEXT, m.origin, m.method, m.caller, m.cycles);
    let result: ManagementResult;
    try {
      result = await this.method(m, ctx);
    } catch (error) {
      result = rejectOf(RejectCode.CANISTER_ERROR, error instanceof Error ? error.message : String(error));
    }
    if (result === 'pending') return;
    if ('reply' in result) ctx.cyclesAccepted = ctx.cyclesAvailable;
    this.contexts.finish(ctx, result);
  }

  /**
   * A query call to aaaaa-aa (non-replicated): the methods the interface marks `query` — canister_status
   * (controllers) and fetch_canister_logs (per log_visibility, and only this way, as on the replica).
   */
  query(method: string, argBytes: Uint8Array, callerBytes: Uint8Array): CallResult {
    if (!M.QUERY_METHODS.has(method)) return notImplemented(method);
    const caller = Principal.fromUint8Array(callerBytes);
    const decoded = this.decode(method, argBytes);
    if ('reject' in decoded) return decoded;
    const target = this.target(decoded.arg);
    if ('reject' in target) return target;
    if (method === 'fetch_canister_logs') return fetchCanisterLogs(target, caller, decoded.arg.filter[0]);
    return statusRefused(target, caller) ?? canisterStatus(target);
  }

  private decode(method: string, bytes: Uint8Array): { arg: any } | { reject: Reject } {
    const argType = M.ManagementArgs[method];
    if (!argType) return notImplemented(method);
    try {
      return { arg: (IDL.decode([argType], new Uint8Array(bytes)) as any[])[0] };
    } catch (error) {
      return rejectOf(
        RejectCode.CANISTER_REJECT,
        `Error decoding the argument of ${method}: ${error instanceof Error ? error.message : String(error)}`,
        'IC0503',
      );
    }
  }

  private target(arg: { canister_id: { toUint8Array(): Uint8Array } }): Canister | { reject: Reject } {
    const id = toPrincipal(arg.canister_id).toText();
    return this.net.canisters.get(id) ?? rejectOf(RejectCode.DESTINATION_INVALID, `Canister ${id} not found`, 'IC0301');
  }

  private async method(m: CallMessage, ctx: CallContext): Promise<ManagementResult> {
    const caller = Principal.fromUint8Array(m.caller);
    if (m.method === 'raw_rand') {
      const bytes = createHash('sha256').update(`${this.net.options.seed}:${this.net.randCounter++}`).digest();
      return replyWith([M.RawRandResult], [new Uint8Array(bytes)]);
    }
    if (m.method === 'fetch_canister_logs') {
      return rejectOf(
        RejectCode.CANISTER_REJECT,
        'ic00 method fetch_canister_logs API is only accessible in non-replicated mode',
        'IC0406',
      );
    }
    const decoded = this.decode(m.method, m.arg);
    if ('reject' in decoded) return decoded;
    const arg = decoded.arg;
    if (m.method === 'create_canister' || m.method === 'provisional_create_canister_with_cycles') {
      const cycles = m.method === 'create_canister' ? m.cycles : (arg.amount?.[0] ?? this.net.options.defaultCycles);
      return createCanister(this.net, arg, caller, BigInt(cycles));
    }
    const c = this.target(arg);
    if ('reject' in c) return c;
    if (m.method === 'deposit_cycles' || m.method === 'provisional_top_up_canister') {
      c.balance += m.method === 'deposit_cycles' ? m.cycles : BigInt(arg.amount);
      return replyWith();
    }
    if (m.method === 'canister_status') return statusRefused(c, caller) ?? canisterStatus(c);
    const refused = notAController(c, caller, m.method);
    if (refused) return refused;
    switch (m.method) {
      case 'install_code':
        return installCode(this.net, this.contexts, c, arg, caller);
      case 'uninstall_code':
        return uninstallCode(this.contexts, c);
      case 'update_settings':
        return updateSettings(c, arg.settings);
      case 'start_canister':
        return startCanister(this.contexts, c);
      case 'stop_canister':
        return stopCanister(this.contexts, c, ctx);
      case 'delete_canister':
        return deleteCanister(this.net, c);
    }
    return notImplemented(m.method);
  }
}

/** canister_status is for controllers and whoever the status_visibility setting names. */
function statusRefused(c: Canister, caller: Principal): { reject: Reject } | undefined {
  return mayView(c, c.settings.status_visibility, caller) ? undefined : notAController(c, caller, 'canister_status');
}

function notAController(c: Canister, caller: Principal, method: string): { reject: Reject } | undefined {
  if (isController(c, caller)) return undefined;
  return rejectOf(
    RejectCode.CANISTER_ERROR,
    `Only controllers of canister ${c.idText} can call ic00 method ${method}. Sender ${caller.toText()} is not a controller.`,
    'IC0512',
  );
}
