/** Compiled wasm modules by sha256, and the original bytes an export needs. Gzipped modules are accepted. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { Wasm, type WasmModule } from './wasm-api.ts';
import { instrument, METERING_VERSION } from './metering.ts';
import { readBytes } from './read-into.ts';
import { exportInternals, metadataSections } from './wasm-module.ts';
import type { MetadataSection } from './canister.ts';

/** Instrumented modules kept across processes (instrumenting azle's wasm takes seconds; tests install it often). */
const CACHE_DIR = join(tmpdir(), `localnet-metered-${METERING_VERSION}`);

/** A canister module as the engine runs it: metered (metering.ts), with its table and globals exported. */
export function prepareModule(
  bytes: Uint8Array,
  sha256 = createHash('sha256').update(bytes).digest('hex'),
): Uint8Array {
  const file = join(CACHE_DIR, `${sha256}.wasm`);
  if (existsSync(file)) return readBytes(file);
  const prepared = exportInternals(instrument(bytes));
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, prepared);
  renameSync(tmp, file); // atomic: a concurrent reader sees the whole module or none
  return prepared;
}

export interface CompiledModule {
  module: WasmModule;
  hash: Uint8Array;
  /** Size of the module as installed (gzipped or not). */
  size: number;
  metadata: Map<string, MetadataSection>;
}

export class ModuleCache {
  private readonly modules = new Map<string, CompiledModule>();
  private readonly originals = new Map<string, Uint8Array>();

  /** `knownHash`: the module's sha256 where a saved network already names it (hashing megabytes takes a while). */
  async compile(wasm: Uint8Array, knownHash?: Uint8Array): Promise<CompiledModule> {
    const hash = knownHash ?? new Uint8Array(createHash('sha256').update(wasm).digest());
    const key = Buffer.from(hash).toString('hex');
    if (!this.originals.has(key)) this.originals.set(key, wasm);
    let compiled = this.modules.get(key);
    if (!compiled) {
      const gzipped = wasm[0] === 0x1f && wasm[1] === 0x8b;
      const bytes = gzipped ? new Uint8Array(gunzipSync(wasm)) : wasm;
      // Hashing a module takes tens of ms; an uncompressed one is not hashed twice.
      const module = await Wasm.compile(gzipped ? prepareModule(bytes) : prepareModule(bytes, key));
      compiled = { module, hash, size: wasm.length, metadata: metadataSections(bytes) };
      this.modules.set(key, compiled);
    }
    return compiled;
  }

  /** The bytes a module with this hash was installed from. */
  original(hash: Uint8Array): Uint8Array | undefined {
    return this.originals.get(Buffer.from(hash).toString('hex'));
  }
}
