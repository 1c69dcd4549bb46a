/**
 * A whole network as data (`LocalNet.exportState()` / `LocalNet.start({ restore })`), and its files in a
 * state directory: `network.json` plus one wasm per module hash and each canister's heap and stable memory
 * (`canisters/<id>.<tag>.heap|stable`, named in network.json).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { SavedCalls } from './call-state.ts';
import type { CanisterSettings } from './canister.ts';
import type { Checkpoint, RestorePoint } from './protocol.ts';
import { readBytes, readInto } from './read-into.ts';

/** `C`: what a network exports holds its heaps in memory; what `loadSnapshot` reads may leave them in their files. */
export interface CanisterSnapshot<C extends RestorePoint = Checkpoint> {
  id: string;
  controllers: string[];
  status: 'running' | 'stopped';
  balance: bigint;
  version: bigint;
  globalTimer: bigint;
  certifiedData: Uint8Array;
  /** Older state directories lack the newer settings: restore fills in the defaults. */
  settings: Partial<CanisterSettings>;
  /** Absent for an empty canister. */
  module?: { hash: Uint8Array; wasm: Uint8Array; checkpoint: C };
}

export interface NetworkSnapshot<C extends RestorePoint = Checkpoint> {
  timeNs: bigint;
  nextCanister: bigint;
  randCounter: number;
  canisters: Array<CanisterSnapshot<C>>;
  /** Calls in flight (call-state.ts); older state directories have none. */
  calls?: SavedCalls;
}

const FORMAT = 1;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

/** JSON with bigints as {"$n": "123"} and byte arrays as {"$b": "hex"}. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return { $n: v.toString() };
    if (v instanceof Uint8Array) return { $b: hex(v) };
    return v;
  });
}

function fromJson(text: string): any {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$n' in v) return BigInt((v as { $n: string }).$n);
    if (v && typeof v === 'object' && '$b' in v) return unhex((v as { $b: string }).$b);
    return v;
  });
}

/** Written off the main thread: a save of a few 12 MB heaps would otherwise stall every call for its duration. */
async function writeAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await rm(`${path}.tmp`, { force: true }); // the mode applies only to a file the write creates
  await writeFile(`${path}.tmp`, data, { mode });
  await rename(`${path}.tmp`, path);
}

/** The memory files a save left for one canister, and the checkpoint they hold. */
interface SavedMemory {
  checkpoint: Checkpoint;
  heapFile: string;
  stableFile: string;
}

/** What `saveSnapshot` wrote, by canister id: hand it to the next save so unchanged memories are not written again. */
export type SavedMemories = Map<string, SavedMemory>;

function sameStable(a: Checkpoint, b: Checkpoint): boolean {
  if (a.stableSize !== b.stableSize || a.stablePages.size !== b.stablePages.size) return false;
  for (const [i, sab] of a.stablePages) if (b.stablePages.get(i) !== sab) return false;
  return true;
}

/** A new file name for a canister's memory: files are never overwritten, so network.json always names complete ones. */
function freshName(id: string, kind: 'heap' | 'stable'): string {
  return `${id}.${randomBytes(6).toString('hex')}.${kind}`;
}

/**
 * Writes a snapshot (plus `extra` data such as the network's keys) into `dir`. With `previous` (what the last save
 * into `dir` returned), a canister whose checkpoint is the one saved then keeps its files; a changed heap or stable
 * memory goes into a new file. network.json is written last and atomically, then unreferenced memory and module files are removed,
 * so a crash at any point leaves the directory at the previous or the new save, never between.
 */
export async function saveSnapshot(
  dir: string,
  snapshot: NetworkSnapshot,
  extra: Record<string, unknown> = {},
  previous: SavedMemories = new Map(),
): Promise<SavedMemories> {
  const canistersDir = join(dir, 'canisters');
  mkdirSync(join(dir, 'modules'), { recursive: true });
  mkdirSync(canistersDir, { recursive: true });
  const saved: SavedMemories = new Map();
  const modules = new Set<string>();
  const canisters: unknown[] = [];
  for (const c of snapshot.canisters) {
    const { module, ...rest } = c;
    if (!module) {
      canisters.push(rest);
      continue;
    }
    const moduleName = `${hex(module.hash)}.wasm`;
    modules.add(moduleName);
    const moduleFile = join(dir, 'modules', moduleName);
    if (!existsSync(moduleFile)) await writeAtomic(moduleFile, module.wasm);
    const cp = module.checkpoint;
    const before = previous.get(c.id);
    const pages = [...cp.stablePages.entries()].sort(([a], [b]) => a - b);
    let heapFile = before?.heapFile;
    if (before?.checkpoint !== cp || !heapFile) {
      heapFile = freshName(c.id, 'heap');
      await writeAtomic(join(canistersDir, heapFile), new Uint8Array(cp.heap, 0, cp.heapLength));
    }
    let stableFile = before?.stableFile;
    if (!before || !sameStable(before.checkpoint, cp)) {
      stableFile = freshName(c.id, 'stable');
      await writeAtomic(join(canistersDir, stableFile), Buffer.concat(pages.map(([, sab]) => new Uint8Array(sab))));
    }
    saved.set(c.id, { checkpoint: cp, heapFile, stableFile: stableFile! });
    canisters.push({
      ...rest,
      module: {
        hash: module.hash,
        heapLength: cp.heapLength,
        heapFile,
        stableFile,
        globals: cp.globals.map((g) => (typeof g === 'bigint' ? { i64: g.toString() } : g)),
        stableSize: cp.stableSize,
        stablePages: pages.map(([i, sab]) => [i, sab.byteLength]),
      },
    });
  }
  // network.json holds the network's secret keys (state-dir.ts): readable by its owner only.
  await writeAtomic(
    join(dir, 'network.json'),
    toJson({
      format: FORMAT,
      ...extra,
      timeNs: snapshot.timeNs,
      nextCanister: snapshot.nextCanister,
      randCounter: snapshot.randCounter,
      canisters,
      calls: snapshot.calls,
    }),
    0o600,
  );
  const kept = new Set([...saved.values()].flatMap((m) => [m.heapFile, m.stableFile]));
  removeAllBut(canistersDir, kept);
  // Modules replaced by an upgrade (or of deleted canisters): each is megabytes, and a dev loop upgrades often.
  removeAllBut(join(dir, 'modules'), modules);
  return saved;
}

function removeAllBut(dir: string, kept: Set<string>): void {
  for (const name of readdirSync(dir)) if (!kept.has(name)) rmSync(join(dir, name), { force: true });
}

/**
 * Reads what `saveSnapshot` wrote; undefined when `dir` holds no network yet. Each heap stays in its file for the
 * canister's worker to read (engine.ts): the workers read them side by side, straight into the canisters' memories.
 */
export function loadSnapshot(
  dir: string,
): { snapshot: NetworkSnapshot<RestorePoint>; extra: Record<string, unknown> } | undefined {
  const file = join(dir, 'network.json');
  if (!existsSync(file)) return undefined;
  const { format, timeNs, nextCanister, randCounter, canisters, calls, ...extra } = fromJson(
    readFileSync(file, 'utf8'),
  );
  if (format !== FORMAT) throw new Error(`${file}: unknown state format ${String(format)}`);
  const restored: Array<CanisterSnapshot<RestorePoint>> = (canisters as any[]).map((c) => {
    if (!c.module) return c as CanisterSnapshot;
    const m = c.module;
    const wasm = readBytes(join(dir, 'modules', `${hex(m.hash)}.wasm`));
    // Files named in network.json; a directory saved before they were versioned has `<id>.heap` / `<id>.stable`.
    const heap = { file: join(dir, 'canisters', m.heapFile ?? `${c.id}.heap`) };
    const stablePages = new Map<number, SharedArrayBuffer>(
      (m.stablePages as Array<[number, number]>).map(([index, length]) => [index, new SharedArrayBuffer(length)]),
    );
    readInto(
      join(dir, 'canisters', m.stableFile ?? `${c.id}.stable`),
      [...stablePages.values()].map((sab) => new Uint8Array(sab)),
    );
    const globals = (m.globals as Array<number | { i64: string }>).map((g) =>
      typeof g === 'number' ? g : BigInt(g.i64),
    );
    return {
      ...c,
      module: {
        hash: m.hash,
        wasm,
        checkpoint: { heap, heapLength: m.heapLength, globals, stablePages, stableSize: m.stableSize },
      },
    };
  });
  return { snapshot: { timeNs, nextCanister, randCounter, canisters: restored, calls }, extra };
}
