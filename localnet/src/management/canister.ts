/**
 * The management canister (aaaaa-aa): decodes the argument, checks the caller is a controller where the
 * spec asks for it, and dispatches to the method. Each call has its own call context; stop_canister's
 * stays open until the canister has stopped.
 */
import { createHash } from 'node:crypto';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { replyWith, toPrincipal } from '../candid.ts';
import { isController } from '../canister.ts';
import type { CallContexts } from '../call-contexts.ts';
import type { CallContext, CallMessage } from '../messages.ts';
import { MANAGEMENT_TEXT, type Network } from '../network.ts';
import { RejectCode, rejectOf, type CallResult } from '../reject.ts';
import { createCanister } from './create.ts';
import * as M from './idl.ts';
import { installCode } from './install-code.ts';
import { deleteCanister, startCanister, stopCanister, uninstallCode } from './lifecycle.ts';
import { canisterStatus, updateSettings } from './settings.ts';

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

  private async method(m: CallMessage, ctx: CallContext): Promise<ManagementResult> {
    const caller = Principal.fromUint8Array(m.caller);
    if (m.method === 'raw_rand') {
      const bytes = createHash('sha256').update(`${this.net.options.seed}:${this.net.randCounter++}`).digest();
      return replyWith([IDL.Vec(IDL.Nat8)], [new Uint8Array(bytes)]);
    }
    const argType = M.ManagementArgs[m.method];
    if (!argType) return notImplemented(m.method);
    let arg: any;
    try {
      [arg] = IDL.decode([argType], new Uint8Array(m.arg)) as any[];
    } catch (error) {
      return rejectOf(
        RejectCode.CANISTER_REJECT,
        `Error decoding the argument of ${m.method}: ${error instanceof Error ? error.message : String(error)}`,
        'IC0503',
      );
    }
    if (m.method === 'create_canister' || m.method === 'provisional_create_canister_with_cycles') {
      const cycles = m.method === 'create_canister' ? m.cycles : (arg.amount?.[0] ?? this.net.options.defaultCycles);
      return createCanister(this.net, arg, caller, BigInt(cycles));
    }
    const target = toPrincipal(arg.canister_id).toText();
    const c = this.net.canisters.get(target);
    if (!c) return rejectOf(RejectCode.DESTINATION_INVALID, `Canister ${target} not found`, 'IC0301');
    if (m.method === 'deposit_cycles' || m.method === 'provisional_top_up_canister') {
      c.balance += m.method === 'deposit_cycles' ? m.cycles : BigInt(arg.amount);
      return replyWith();
    }
    if (!isController(c, caller)) {
      return rejectOf(
        RejectCode.CANISTER_ERROR,
        `Only controllers of canister ${target} can call ic00 method ${m.method}. Sender ${caller.toText()} is not a controller.`,
        'IC0512',
      );
    }
    switch (m.method) {
      case 'install_code':
        return installCode(this.net, this.contexts, c, arg, caller);
      case 'uninstall_code':
        return uninstallCode(this.contexts, c);
      case 'update_settings':
        return updateSettings(c, arg.settings);
      case 'canister_status':
        return canisterStatus(c);
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
