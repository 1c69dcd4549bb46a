/**
 * Typed access to the WebAssembly JS API. The project's tsconfig has no DOM lib, so the global
 * `WebAssembly` namespace has no types; these cover what localnet uses, without declaring globals.
 */
export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmTable {
  get(index: number): unknown;
  readonly length: number;
}
export interface WasmGlobal {
  value: number | bigint;
}
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  RuntimeError: new (...args: unknown[]) => Error;
}

export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
