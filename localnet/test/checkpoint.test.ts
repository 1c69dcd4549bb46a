import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { Principal } from '@icp-sdk/core/principal';
import { afterEach, describe, expect, it } from 'vitest';

import { Engine } from '../src/engine.ts';
import { INSTRUCTION_LIMITS } from '../src/reject.ts';
import { LocalNet } from '../src/index.ts';
import type { ExecTask } from '../src/protocol.ts';
import { SnapshotGuard } from '../src/snapshot-guard.ts';
import { Autosave, openStateDir } from '../src/state-dir.ts';
import { Wasm } from '../src/wasm-api.ts';
import { prepareModule } from '../src/module-cache.ts';
import { bytesWritten, listFiles } from './file-writes.ts';
import { counterOf, tinyWasm } from './fixture/tiny-wasm.ts';

const none = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);
const COUNTER = 16;

function task(exportName: string): ExecTask {
  return {
    kind: 'U',
    exportName,
    arg: none,
    caller: new Uint8Array(0),
    methodName: '',
    canisterId: new Uint8Array(10),
    controllers: [],
    timeNs: 0n,
    balance: 0n,
    cyclesAvailable: 0n,
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
}

async function peek(net: LocalNet, id: Principal): Promise<number> {
  const r = await net.query(id, 'peek', none);
  if (!('reply' in r)) throw new Error(`peek rejected: ${r.reject.message}`);
  return counterOf(r.reply);
}

describe('committed state survives what comes after it', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a worker claimed by the watchdog leaves the committed heap snapshot alone (a kill cannot tear it)', async () => {
    const guard = new SnapshotGuard();
    const engine = new Engine(await Wasm.compile(prepareModule(tinyWasm())), new Uint8Array(10), undefined, guard);
    expect(engine.execute(task('canister_update poke')).trap).toBeUndefined();
    guard.release(); // the scheduler received that result
    const held = engine.checkpoint(); // what the scheduler restarts from
    const heldCounter = () => new DataView(held.heap).getInt32(COUNTER, true);
    expect(heldCounter()).toBe(1);
    // The watchdog fires while the next message runs: from then on the worker must not write the snapshot.
    expect(guard.claimForKill()).toBe(true);
    expect(engine.execute(task('canister_update poke')).trap).toBeUndefined();
    expect(heldCounter()).toBe(1);
  });

  it('the watchdog may not kill a worker whose committed snapshot is being written or not yet received', async () => {
    const guard = new SnapshotGuard();
    const engine = new Engine(await Wasm.compile(prepareModule(tinyWasm())), new Uint8Array(10), undefined, guard);
    expect(engine.execute(task('canister_update poke')).trap).toBeUndefined();
    expect(guard.claimForKill()).toBe(false); // the result (heap length, globals) is on its way: wait for it
    guard.release();
    expect(guard.claimForKill()).toBe(true);
  });

  it('exportState is a copy: later messages do not change it, and a restore resumes exactly from it', async () => {
    const net = await LocalNet.start();
    cleanups.push(() => net.close());
    const id = await net.createCanister();
    await net.install(id, tinyWasm());
    await net.update(id, 'poke', none);
    const saved = await net.exportState();
    for (let i = 0; i < 3; i++) await net.update(id, 'poke', none);
    expect(await peek(net, id)).toBe(4);
    const resumed = await LocalNet.start({ restore: saved });
    cleanups.push(() => resumed.close());
    expect(await peek(resumed, id)).toBe(1);
  });

  it('autosave writes only the canisters that changed, and a restart resumes every canister', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localnet-autosave-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await openStateDir(dir);
    const ids: Principal[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await first.net.createCanister();
      await first.net.install(id, tinyWasm());
      for (let n = 0; n <= i; n++) await first.net.update(id, 'poke', none);
      ids.push(id);
    }
    const autosave = new Autosave(first.net, dir, first.keys, 3_600_000);
    await autosave.flush(true);
    const heapBytes = first.net.info(ids[0]!).heapBytes;

    const before = listFiles(dir);
    await first.net.update(ids[2]!, 'poke', none);
    await autosave.flush();
    const written = bytesWritten(before, listFiles(dir));
    expect(written).toBeGreaterThanOrEqual(heapBytes); // the changed canister's heap
    expect(written).toBeLessThan(2 * heapBytes); // and nobody else's
    await autosave.stop();
    await first.net.close();

    const second = await openStateDir(dir);
    cleanups.push(() => second.net.close());
    expect(second.resumed).toBe(true);
    expect(await Promise.all(ids.map((id) => peek(second.net, id)))).toEqual([1, 2, 4, 4]);
  });

  it('a save keeps only the modules some canister runs: an upgraded-away module file is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localnet-modules-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { net, keys } = await openStateDir(dir);
    cleanups.push(() => net.close());
    const file = (wasm: Uint8Array) => `${createHash('sha256').update(wasm).digest('hex')}.wasm`;
    const plain = tinyWasm();
    const gzipped = new Uint8Array(gzipSync(plain)); // the same code, another module hash
    const [a, b] = [await net.createCanister(), await net.createCanister()];
    await net.install(a, plain);
    await net.install(b, plain);
    const autosave = new Autosave(net, dir, keys, 3_600_000);
    await autosave.flush(true);
    expect(readdirSync(join(dir, 'modules'))).toEqual([file(plain)]);

    await net.upgrade(a, gzipped);
    await autosave.flush();
    // b still runs the plain module: both stay.
    expect(readdirSync(join(dir, 'modules')).sort()).toEqual([file(plain), file(gzipped)].sort());

    await net.upgrade(b, gzipped);
    await autosave.stop();
    expect(readdirSync(join(dir, 'modules'))).toEqual([file(gzipped)]);
  });

  it('a heap file shorter than network.json says fails the restart, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localnet-damaged-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { net, keys } = await openStateDir(dir);
    const [a, b] = [await net.createCanister(), await net.createCanister()];
    await net.install(a, tinyWasm());
    await net.install(b, tinyWasm());
    await net.update(b, 'poke', none);
    const autosave = new Autosave(net, dir, keys, 3_600_000);
    await autosave.stop();
    await net.close();
    const heap = readdirSync(join(dir, 'canisters')).find((f) => f.startsWith(b.toText()) && f.endsWith('.heap'))!;
    truncateSync(join(dir, 'canisters', heap), 100);
    await expect(openStateDir(dir)).rejects.toThrow(`${heap}: shorter than network.json says`);
  });
});
