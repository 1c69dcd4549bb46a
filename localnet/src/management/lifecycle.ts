/** start_canister, stop_canister (answers once every call context has closed), uninstall_code, delete_canister. */
import { replyWith } from '../candid.ts';
import type { Canister } from '../canister.ts';
import type { CallContexts } from '../call-contexts.ts';
import type { CallContext } from '../messages.ts';
import type { Network } from '../network.ts';
import { RejectCode, rejectOf, type CallResult } from '../reject.ts';

export function startCanister(contexts: CallContexts, c: Canister): CallResult {
  for (const w of c.stopWaiters.splice(0)) {
    contexts.finish(
      w,
      rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} was started while it was stopping`, 'IC0510'),
    );
  }
  if (c.status !== 'running') c.version++;
  c.status = 'running';
  return replyWith();
}

export function stopCanister(contexts: CallContexts, c: Canister, ctx: CallContext): CallResult | 'pending' {
  if (c.status === 'stopped') return replyWith();
  if (c.status === 'running') c.version++;
  c.status = 'stopping';
  c.stopWaiters.push(ctx);
  if (c.openContexts === 0) contexts.finishStopping(c);
  return 'pending';
}

export async function uninstallCode(contexts: CallContexts, c: Canister): Promise<CallResult> {
  await c.proc?.terminate();
  c.proc = undefined;
  c.moduleHash = undefined;
  c.moduleSize = 0;
  c.metadata = new Map();
  c.globalTimer = 0n;
  c.version++;
  contexts.rejectOutstandingCallbacks(c);
  return replyWith();
}

export async function deleteCanister(net: Network, c: Canister): Promise<CallResult> {
  if (c.status !== 'stopped')
    return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} must be stopped before it is deleted.`, 'IC0510');
  await c.proc?.terminate();
  net.canisters.delete(c.idText);
  return replyWith();
}
