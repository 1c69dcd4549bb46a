import { describe, expect, it } from 'vitest';

import { Engine } from '../src/engine.ts';
import { INSTRUCTION_LIMITS } from '../src/reject.ts';
import type { EntryKind, ExecTask } from '../src/protocol.ts';
import { Wasm } from '../src/wasm-api.ts';
import { prepareModule } from '../src/module-cache.ts';
import { tinyWasm } from './fixture/tiny-wasm.ts';

/** Runs a tiny-wasm method as if it were the given entry point, with cycles still available in its call context. */
async function run(kind: EntryKind, method: string, cyclesAvailable: bigint) {
  const engine = new Engine(await Wasm.compile(prepareModule(tinyWasm())), new Uint8Array(10));
  const task: ExecTask = {
    kind,
    exportName: `canister_update ${method}`,
    arg: new Uint8Array(0),
    caller: new Uint8Array(0),
    methodName: method,
    canisterId: new Uint8Array(10),
    controllers: [],
    timeNs: 0n,
    balance: 1_000n,
    cyclesAvailable,
    cyclesRefunded: 0n,
    rejectCode: 0,
    rejectMessage: '',
    canisterVersion: 0n,
    status: 1,
    globalTimer: 0n,
    canRespond: true,
    commit: true,
    instructionLimit: INSTRUCTION_LIMITS.update,
  };
  return engine.execute(task);
}

const u128 = (b: Uint8Array) =>
  new DataView(b.buffer, b.byteOffset).getBigUint64(0, true) +
  (new DataView(b.buffer, b.byteOffset).getBigUint64(8, true) << 64n);

describe('cycles of the call context (msg_cycles_available128 / msg_cycles_accept128)', () => {
  it('an update sees and accepts what the caller sent', async () => {
    expect(u128((await run('U', 'available', 500n)).reply!)).toBe(500n);
    expect((await run('U', 'accept_all', 500n)).cyclesAccepted).toBe(500n);
  });

  it('a reply or reject callback sees and can accept what is still available in its call context', async () => {
    for (const kind of ['Ry', 'Rt'] as const) {
      expect(u128((await run(kind, 'available', 300n)).reply!)).toBe(300n);
      expect((await run(kind, 'accept_all', 300n)).cyclesAccepted).toBe(300n);
    }
  });
});
