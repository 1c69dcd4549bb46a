/**
 * The network as data: `exportState` (taken while idle) and the restore `LocalNet.start({ restore })` does (the
 * calls in flight are put back by call-state.ts once the canisters are).
 */
import { Principal } from '@icp-sdk/core/principal';

import type { CallContexts } from './call-contexts.ts';
import { exportCalls } from './call-state.ts';
import { newCanister } from './canister.ts';
import { CanisterProcess } from './canister-process.ts';
import type { Network } from './network.ts';
import type { RestorePoint } from './protocol.ts';
import { reserveWorkers } from './worker-pool.ts';
import type { CanisterSnapshot, NetworkSnapshot } from './snapshot.ts';

export function exportState(net: Network, contexts: CallContexts): NetworkSnapshot {
  const canisters: CanisterSnapshot[] = [];
  for (const c of net.canisters.values()) {
    const wasm = c.moduleHash && net.modules.original(c.moduleHash);
    canisters.push({
      id: c.idText,
      controllers: c.controllers.map((p) => p.toText()),
      status: c.status === 'stopped' ? 'stopped' : 'running',
      balance: c.balance,
      version: c.version,
      globalTimer: c.globalTimer,
      certifiedData: c.certifiedData,
      settings: { ...c.settings },
      module:
        c.proc && c.moduleHash && wasm ? { hash: c.moduleHash, wasm, checkpoint: c.proc.checkpoint() } : undefined,
    });
  }
  return {
    timeNs: net.timeNs,
    nextCanister: net.nextCanister,
    randCounter: net.randCounter,
    canisters,
    calls: exportCalls(net, contexts),
  };
}

/**
 * Recreates the saved canisters (each resumes from its checkpoint in a new worker); time never goes back. The
 * canisters compile and boot side by side (a restart's longest step); they join the network in their saved order.
 * If one cannot resume (a damaged state directory), the others' workers are ended and the restore fails.
 */
export async function restoreState(net: Network, state: NetworkSnapshot<RestorePoint>): Promise<void> {
  if (state.timeNs > net.timeNs) net.timeNs = state.timeNs;
  net.nextCanister = state.nextCanister;
  net.randCounter = state.randCounter;
  reserveWorkers(net.options.stackSizeMb, state.canisters.filter((s) => s.module).length);
  const restored = await Promise.allSettled(
    state.canisters.map(async (s) => {
      const c = newCanister(Principal.fromText(s.id), {
        ...s,
        controllers: s.controllers.map((p) => Principal.fromText(p)),
      });
      if (s.module) {
        const compiled = await net.modules.compile(s.module.wasm, s.module.hash);
        c.proc = await CanisterProcess.start(compiled.module, c.idBytes, net.options, s.module.checkpoint);
        c.moduleHash = compiled.hash;
        c.moduleSize = compiled.size;
        c.metadata = compiled.metadata;
      }
      return c;
    }),
  );
  const failed = restored.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(restored.map((r) => (r.status === 'fulfilled' ? r.value.proc?.terminate() : undefined)));
    throw failed.reason;
  }
  for (const r of restored) if (r.status === 'fulfilled') net.canisters.set(r.value.idText, r.value);
}
