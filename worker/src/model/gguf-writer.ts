/**
 * Minimal GGUF v3 writer: header, typed metadata key/values, tensor infos, aligned tensor data.
 * Layout follows ggml's gguf.cpp (little-endian; strings are u64 length + UTF-8 bytes; tensor offsets
 * are relative to the start of the data section and aligned to general.alignment).
 */
export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_ALIGNMENT = 32;

export enum GgufType {
  Uint8 = 0,
  Int8 = 1,
  Uint16 = 2,
  Int16 = 3,
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
  Uint64 = 10,
  Int64 = 11,
  Float64 = 12,
}

export enum GgmlType {
  F32 = 0,
  F16 = 1,
}

export type GgufValue =
  | { type: GgufType.Uint32 | GgufType.Int32 | GgufType.Float32; value: number }
  | { type: GgufType.Uint64; value: bigint }
  | { type: GgufType.Bool; value: boolean }
  | { type: GgufType.String; value: string }
  | { type: GgufType.Array; itemType: GgufType.String; value: readonly string[] }
  | { type: GgufType.Array; itemType: GgufType.Float32 | GgufType.Int32; value: readonly number[] };

export const gguf = {
  u32: (value: number): GgufValue => ({ type: GgufType.Uint32, value }),
  f32: (value: number): GgufValue => ({ type: GgufType.Float32, value }),
  bool: (value: boolean): GgufValue => ({ type: GgufType.Bool, value }),
  str: (value: string): GgufValue => ({ type: GgufType.String, value }),
  strings: (value: readonly string[]): GgufValue => ({ type: GgufType.Array, itemType: GgufType.String, value }),
  f32s: (value: readonly number[]): GgufValue => ({ type: GgufType.Array, itemType: GgufType.Float32, value }),
  i32s: (value: readonly number[]): GgufValue => ({ type: GgufType.Array, itemType: GgufType.Int32, value }),
};

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the innermost (contiguous) dimension */
  dims: readonly number[];
  type: GgmlType;
  /** raw little-endian element data, exactly product(dims) * element size bytes */
  data: Uint8Array;
}

class ByteSink {
  private chunks: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  private fixed(size: number, write: (v: DataView) => void): void {
    const b = new Uint8Array(size);
    write(new DataView(b.buffer));
    this.bytes(b);
  }
  u32(v: number): void {
    this.fixed(4, (d) => d.setUint32(0, v, true));
  }
  i32(v: number): void {
    this.fixed(4, (d) => d.setInt32(0, v, true));
  }
  u64(v: number | bigint): void {
    this.fixed(8, (d) => d.setBigUint64(0, BigInt(v), true));
  }
  f32(v: number): void {
    this.fixed(4, (d) => d.setFloat32(0, v, true));
  }
  u8(v: number): void {
    this.bytes(Uint8Array.of(v));
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.bytes(b);
  }
  pad(alignment: number): void {
    const n = (alignment - (this.length % alignment)) % alignment;
    if (n) this.bytes(new Uint8Array(n));
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

function writeValue(sink: ByteSink, v: GgufValue): void {
  sink.u32(v.type);
  switch (v.type) {
    case GgufType.Uint32:
      return sink.u32(v.value);
    case GgufType.Int32:
      return sink.i32(v.value);
    case GgufType.Float32:
      return sink.f32(v.value);
    case GgufType.Uint64:
      return sink.u64(v.value);
    case GgufType.Bool:
      return sink.u8(v.value ? 1 : 0);
    case GgufType.String:
      return sink.str(v.value);
    case GgufType.Array: {
      sink.u32(v.itemType);
      sink.u64(v.value.length);
      if (v.itemType === GgufType.String) for (const s of v.value) sink.str(s);
      else if (v.itemType === GgufType.Float32) for (const n of v.value) sink.f32(n);
      else for (const n of v.value) sink.i32(n);
    }
  }
}

const ELEMENT_SIZE: Record<GgmlType, number> = { [GgmlType.F32]: 4, [GgmlType.F16]: 2 };

/** Serialises a GGUF v3 file; metadata is written in the given key order. */
export function writeGguf(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly GgufTensor[],
): Uint8Array {
  const alignment = GGUF_ALIGNMENT;
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(metadata.length + 1);
  sink.str('general.alignment');
  writeValue(sink, gguf.u32(alignment));
  for (const [key, value] of metadata) {
    sink.str(key);
    writeValue(sink, value);
  }

  let offset = 0;
  for (const t of tensors) {
    const expected = t.dims.reduce((a, b) => a * b, 1) * ELEMENT_SIZE[t.type];
    if (t.data.length !== expected) throw new Error(`tensor ${t.name}: ${t.data.length} bytes, expected ${expected}`);
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(offset);
    offset += Math.ceil(expected / alignment) * alignment;
  }
  sink.pad(alignment);
  for (const t of tensors) {
    sink.bytes(t.data);
    sink.pad(alignment);
  }
  return sink.concat();
}
