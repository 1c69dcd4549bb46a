/** Bounds-checked access to the canister's linear memory for the System API. */
import type { WasmMemory } from '../wasm-api.ts';
import { Trap } from './trap.ts';

/** A 128-bit amount passed as two i64 halves. */
export const u128 = (high: bigint, low: bigint): bigint => (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);

export class Heap {
  constructor(private readonly memory: WasmMemory) {}

  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  read(src: number, size: number): Uint8Array {
    const mem = this.bytes();
    if (src < 0 || size < 0 || src + size > mem.length) throw new Trap('heap out of bounds');
    return mem.slice(src, src + size);
  }

  write(dst: number, data: Uint8Array): void {
    const mem = this.bytes();
    if (dst < 0 || dst + data.length > mem.length) throw new Trap('heap out of bounds');
    mem.set(data, dst);
  }

  /** The `*_copy` convention: `size` bytes of `data` from `offset` to `dst`. */
  copyOut(what: string, data: Uint8Array, dst: number, offset: number, size: number): void {
    if (offset < 0 || size < 0 || offset + size > data.length)
      throw new Trap(`${what}: offset + size exceeds the data`);
    this.write(dst, data.subarray(offset, offset + size));
  }

  writeU128(dst: number, value: bigint): void {
    const out = new Uint8Array(16);
    new DataView(out.buffer).setBigUint64(0, value & 0xffffffffffffffffn, true);
    new DataView(out.buffer).setBigUint64(8, value >> 64n, true);
    this.write(dst, out);
  }
}
