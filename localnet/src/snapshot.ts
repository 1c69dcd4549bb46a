/**
 * A whole network as data (`LocalNet.exportState()` / `LocalNet.start({ restore })`), and its files in a
 * state directory: `network.json` plus one wasm per module hash and each canister's heap and stable memory.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Checkpoint } from './protocol.ts';

export interface CanisterSnapshot {
  id: string;
  controllers: string[];
  status: 'running' | 'stopped';
  balance: bigint;
  version: bigint;
  globalTimer: bigint;
  certifiedData: Uint8Array;
  settings: { freezing_threshold: bigint; memory_allocation: bigint; compute_allocation: bigint; reserved_cycles_limit: bigint; wasm_memory_limit: bigint };
  /** Absent for an empty canister. */
  module?: { hash: Uint8Array; wasm: Uint8Array; checkpoint: Checkpoint };
}

export interface NetworkSnapshot {
  timeNs: bigint;
  nextCanister: bigint;
  randCounter: number;
  canisters: CanisterSnapshot[];
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

function writeAtomic(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Writes a snapshot (plus `extra` data such as the network's keys) into `dir`. */
export function saveSnapshot(dir: string, snapshot: NetworkSnapshot, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(dir, 'modules'), { recursive: true });
  mkdirSync(join(dir, 'canisters'), { recursive: true });
  const canisters = snapshot.canisters.map((c) => {
    const { module, ...rest } = c;
    if (!module) return rest;
    const moduleFile = join(dir, 'modules', `${hex(module.hash)}.wasm`);
    if (!existsSync(moduleFile)) writeAtomic(moduleFile, module.wasm);
    const cp = module.checkpoint;
    const heapFile = join(dir, 'canisters', `${c.id}.heap`);
    writeAtomic(heapFile, new Uint8Array(cp.heap, 0, cp.heapLength));
    const pages = [...cp.stablePages.entries()].sort(([a], [b]) => a - b);
    const stable = Buffer.concat(pages.map(([, sab]) => new Uint8Array(sab)));
    writeAtomic(join(dir, 'canisters', `${c.id}.stable`), stable);
    return {
      ...rest,
      module: {
        hash: module.hash,
        heapLength: cp.heapLength,
        globals: cp.globals.map((g) => (typeof g === 'bigint' ? { i64: g.toString() } : g)),
        stableSize: cp.stableSize,
        stablePages: pages.map(([i, sab]) => [i, sab.byteLength]),
      },
    };
  });
  writeAtomic(join(dir, 'network.json'), toJson({ format: FORMAT, ...extra, timeNs: snapshot.timeNs, nextCanister: snapshot.nextCanister, randCounter: snapshot.randCounter, canisters }));
}

/** Reads what `saveSnapshot` wrote; undefined when `dir` holds no network yet. */
export function loadSnapshot(dir: string): { snapshot: NetworkSnapshot; extra: Record<string, unknown> } | undefined {
  const file = join(dir, 'network.json');
  if (!existsSync(file)) return undefined;
  const { format, timeNs, nextCanister, randCounter, canisters, ...extra } = fromJson(readFileSync(file, 'utf8'));
  if (format !== FORMAT) throw new Error(`${file}: unknown state format ${String(format)}`);
  const restored: CanisterSnapshot[] = (canisters as any[]).map((c) => {
    if (!c.module) return c as CanisterSnapshot;
    const m = c.module;
    const wasm = new Uint8Array(readFileSync(join(dir, 'modules', `${hex(m.hash)}.wasm`)));
    const heapBytes = readFileSync(join(dir, 'canisters', `${c.id}.heap`));
    const heap = new SharedArrayBuffer(m.heapLength);
    new Uint8Array(heap).set(heapBytes.subarray(0, m.heapLength));
    const stableBytes = readFileSync(join(dir, 'canisters', `${c.id}.stable`));
    const stablePages = new Map<number, SharedArrayBuffer>();
    let offset = 0;
    for (const [index, length] of m.stablePages as Array<[number, number]>) {
      const sab = new SharedArrayBuffer(length);
      new Uint8Array(sab).set(stableBytes.subarray(offset, offset + length));
      offset += length;
      stablePages.set(index, sab);
    }
    const globals = (m.globals as Array<number | { i64: string }>).map((g) => (typeof g === 'number' ? g : BigInt(g.i64)));
    return { ...c, module: { hash: m.hash, wasm, checkpoint: { heap, heapLength: m.heapLength, globals, stablePages, stableSize: m.stableSize } } };
  });
  return { snapshot: { timeNs, nextCanister, randCounter, canisters: restored }, extra };
}
