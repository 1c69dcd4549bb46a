/**
 * Just enough of the Wasm binary format to prepare a canister module for the host:
 * read its imports (with their function types) and exports, and append exports for the
 * function table and every global, which azle's wasm does not export but the host needs
 * (callbacks are table indices; globals are rolled back after a trap).
 */

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'ref';
export interface FuncType {
  params: ValType[];
  results: ValType[];
}
export interface ImportEntry {
  module: string;
  name: string;
  kind: number;
  type?: FuncType;
}
export interface ModuleInfo {
  imports: ImportEntry[];
  exports: string[];
  globalTypes: ValType[];
  hasTable: boolean;
}

export const TABLE_EXPORT = '__localnet_table';
export const GLOBAL_EXPORT_PREFIX = '__localnet_global_';

const VALTYPES: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'ref',
  0x6f: 'ref',
};

/** Reads the binary format: bytes, LEB128 numbers, names, types. */
export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('wasm: unexpected end');
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  name(): string {
    const len = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }
  valtype(): ValType {
    const b = this.byte();
    const t = VALTYPES[b];
    if (!t) throw new Error(`wasm: unknown value type 0x${b.toString(16)}`);
    return t;
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
  skipConstExpr(): void {
    // Constant expressions end with 0x0b; the immediates of the opcodes allowed there never contain
    // a bare 0x0b byte in a position we would misread, except inside LEB128 which we decode.
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x23 || op === 0xd2) this.u32();
      else if (op === 0x42) this.u32();
      else if (op === 0x43) this.pos += 4;
      else if (op === 0x44) this.pos += 8;
      else if (op === 0xd0) this.byte();
      else throw new Error(`wasm: unsupported opcode 0x${op.toString(16)} in a constant expression`);
    }
  }
}

export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

function nameBytes(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...leb(b.length), ...b];
}

interface Section {
  id: number;
  start: number; // offset of the section's payload
  end: number;
  headerStart: number;
}

function sections(bytes: Uint8Array): Section[] {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d)
    throw new Error('not a wasm module');
  const r = new Reader(bytes, 8);
  const out: Section[] = [];
  while (r.pos < bytes.length) {
    const headerStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    out.push({ id, start: r.pos, end: r.pos + size, headerStart });
    r.pos += size;
  }
  return out;
}

export function inspectModule(bytes: Uint8Array): ModuleInfo {
  const types: FuncType[] = [];
  const imports: ImportEntry[] = [];
  const exports: string[] = [];
  const globalTypes: ValType[] = [];
  let hasTable = false;
  for (const s of sections(bytes)) {
    const r = new Reader(bytes, s.start);
    if (s.id === 1) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        if (r.byte() !== 0x60) throw new Error('wasm: unsupported type form');
        const params = Array.from({ length: r.u32() }, () => r.valtype());
        const results = Array.from({ length: r.u32() }, () => r.valtype());
        types.push({ params, results });
      }
    } else if (s.id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const module = r.name();
        const name = r.name();
        const kind = r.byte();
        const entry: ImportEntry = { module, name, kind };
        if (kind === 0) entry.type = types[r.u32()];
        else if (kind === 1) {
          r.byte();
          r.limits();
          hasTable = true;
        } else if (kind === 2) r.limits();
        else if (kind === 3) {
          globalTypes.push(r.valtype());
          r.byte();
        }
        imports.push(entry);
      }
    } else if (s.id === 4) {
      hasTable = hasTable || r.u32() > 0;
    } else if (s.id === 6) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        globalTypes.push(r.valtype());
        r.byte();
        r.skipConstExpr();
      }
    } else if (s.id === 7) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        exports.push(r.name());
        r.byte();
        r.u32();
      }
    }
  }
  return { imports, exports, globalTypes, hasTable };
}

/** Returns a copy of the module whose export section also exports table 0 and every global. */
export function exportInternals(bytes: Uint8Array): Uint8Array {
  const info = inspectModule(bytes);
  const secs = sections(bytes);
  const exportSec = secs.find((s) => s.id === 7);
  const entries: number[] = [];
  let count = 0;
  let insertAt: number;
  let removeEnd: number;
  if (exportSec) {
    const r = new Reader(bytes, exportSec.start);
    count = r.u32();
    entries.push(...bytes.subarray(r.pos, exportSec.end));
    insertAt = exportSec.headerStart;
    removeEnd = exportSec.end;
  } else {
    // Export section goes after section ids 1..6 (and before start/element/code).
    const after = secs.filter((s) => s.id >= 1 && s.id <= 6).at(-1);
    insertAt = after ? after.end : 8;
    removeEnd = insertAt;
  }
  if (info.hasTable) {
    entries.push(...nameBytes(TABLE_EXPORT), 0x01, 0x00);
    count++;
  }
  info.globalTypes.forEach((_, i) => {
    entries.push(...nameBytes(GLOBAL_EXPORT_PREFIX + i), 0x03, ...leb(i));
    count++;
  });
  const payload = [...leb(count), ...entries];
  const section = new Uint8Array([0x07, ...leb(payload.length), ...payload]);
  const out = new Uint8Array(insertAt + section.length + (bytes.length - removeEnd));
  out.set(bytes.subarray(0, insertAt), 0);
  out.set(section, insertAt);
  out.set(bytes.subarray(removeEnd), insertAt + section.length);
  return out;
}

/** The canister metadata a module carries: custom sections named `icp:public <name>` or `icp:private <name>`. */
export function metadataSections(bytes: Uint8Array): Map<string, { isPublic: boolean; content: Uint8Array }> {
  const out = new Map<string, { isPublic: boolean; content: Uint8Array }>();
  for (const s of sections(bytes)) {
    if (s.id !== 0) continue;
    const r = new Reader(bytes, s.start);
    const name = r.name();
    const m = /^icp:(public|private) (.+)$/.exec(name);
    if (m) out.set(m[2]!, { isPublic: m[1] === 'public', content: bytes.slice(r.pos, s.end) });
  }
  return out;
}
