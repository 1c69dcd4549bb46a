/** Compiled wasm modules by sha256, and the original bytes an export needs. Gzipped modules are accepted. */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import { Wasm, type WasmModule } from './wasm-api.ts';
import { exportInternals } from './wasm-module.ts';

export class ModuleCache {
  private readonly modules = new Map<string, WasmModule>();
  private readonly originals = new Map<string, Uint8Array>();

  async compile(wasm: Uint8Array): Promise<{ module: WasmModule; hash: Uint8Array }> {
    const hash = new Uint8Array(createHash('sha256').update(wasm).digest());
    const key = Buffer.from(hash).toString('hex');
    if (!this.originals.has(key)) this.originals.set(key, wasm);
    let module = this.modules.get(key);
    if (!module) {
      const bytes = wasm[0] === 0x1f && wasm[1] === 0x8b ? new Uint8Array(gunzipSync(wasm)) : wasm;
      module = await Wasm.compile(exportInternals(bytes));
      this.modules.set(key, module);
    }
    return { module, hash };
  }

  /** The bytes a module with this hash was installed from. */
  original(hash: Uint8Array): Uint8Array | undefined {
    return this.originals.get(Buffer.from(hash).toString('hex'));
  }
}
