/**
 * install_code in its three modes. An upgrade runs pre_upgrade without committing, then the new module's
 * post_upgrade on the stable memory pre_upgrade left; if anything traps the canister stays exactly as it was.
 */
import type { Principal } from '@icp-sdk/core/principal';

import { replyWith } from '../candid.ts';
import type { Canister } from '../canister.ts';
import { CanisterProcess } from '../canister-process.ts';
import type { CallContexts } from '../call-contexts.ts';
import type { Network } from '../network.ts';
import type { Checkpoint, ExecResult } from '../protocol.ts';
import { RejectCode, rejectOf, trapped, type CallResult, type Reject } from '../reject.ts';
import type { CompiledModule } from '../module-cache.ts';

type Mode = 'install' | 'reinstall' | 'upgrade';
type StableMemory = Pick<Checkpoint, 'stablePages' | 'stableSize'>;

export async function installCode(
  net: Network,
  contexts: CallContexts,
  c: Canister,
  arg: any,
  caller: Principal,
): Promise<CallResult> {
  const mode = Object.keys(arg.mode)[0] as Mode;
  if (mode === 'install' && c.proc) {
    return rejectOf(
      RejectCode.CANISTER_ERROR,
      `Canister ${c.idText} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`,
      'IC0538',
    );
  }
  if (mode === 'upgrade' && !c.proc)
    return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} has no Wasm module to upgrade`, 'IC0537');
  let compiled: CompiledModule;
  try {
    compiled = await net.modules.compile(new Uint8Array(arg.wasm_module));
  } catch (error) {
    return rejectOf(
      RejectCode.CANISTER_ERROR,
      `Wasm module of canister ${c.idText} is invalid: ${error instanceof Error ? error.message : String(error)}`,
      'IC0505',
    );
  }
  const callerBytes = caller.toUint8Array();
  let stable: StableMemory | undefined;
  if (mode === 'upgrade') {
    const kept = await stableForUpgrade(net, c, arg.mode.upgrade?.[0]?.skip_pre_upgrade?.[0] === true, callerBytes);
    if ('reject' in kept) return kept;
    stable = kept;
  }
  const old = c.proc;
  const proc = await CanisterProcess.start(compiled.module, c.idBytes, net.options, stable);
  const entry = mode === 'upgrade' ? 'canister_post_upgrade' : 'canister_init';
  const previous = {
    proc: c.proc,
    version: c.version,
    globalTimer: c.globalTimer,
    certifiedData: c.certifiedData,
    moduleHash: c.moduleHash,
  };
  c.proc = proc;
  c.version++;
  c.globalTimer = 0n; // timers are deactivated by install_code
  let r: ExecResult | undefined;
  if (proc.exports.has(entry)) {
    r = await net.run(c, {
      kind: 'I',
      exportName: entry,
      arg: new Uint8Array(arg.arg),
      caller: callerBytes,
      canRespond: false,
      commit: true,
    });
    net.log(c.idText, r.logs);
  }
  if (r?.trap) {
    Object.assign(c, previous);
    await proc.terminate();
    return trapped(c.idText, r.trap, `${entry} trapped: `);
  }
  await old?.terminate();
  c.moduleHash = compiled.hash;
  c.moduleSize = compiled.size;
  c.metadata = compiled.metadata;
  if (mode !== 'install') contexts.rejectOutstandingCallbacks(c);
  if (r) contexts.settle(c, contexts.open(c.idText, { type: 'system' }, entry, callerBytes, 0n), { ...r, logs: [] });
  return replyWith();
}

/** The stable memory the new module starts from: what pre_upgrade leaves (not committed), or the committed one. */
async function stableForUpgrade(
  net: Network,
  c: Canister,
  skipPreUpgrade: boolean,
  caller: Uint8Array,
): Promise<StableMemory | { reject: Reject }> {
  if (skipPreUpgrade || !c.proc!.exports.has('canister_pre_upgrade')) return c.proc!.stable;
  // Executed without committing: if the upgrade fails, the old instance stays exactly as it was.
  const pre = await net.run(
    c,
    { kind: 'G', exportName: 'canister_pre_upgrade', caller, canRespond: false, commit: false },
    true,
  );
  net.log(c.idText, pre.logs);
  if (pre.trap) return trapped(c.idText, pre.trap, 'canister_pre_upgrade trapped: ');
  return { stablePages: pre.stableImage!, stableSize: pre.stablePages };
}
