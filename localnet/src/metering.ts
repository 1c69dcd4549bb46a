/**
 * Instruction metering as the replica does it: the module is instrumented at install so that every basic block
 * first subtracts its cost from a counter global, and function entries and loop headers trap (`unreachable`) once
 * the counter is negative. The host sets the counter to the message's limit before it runs and reads what is left.
 *
 * Costs per instruction follow the replica's table (rs/embedders wasm_utils/instrumentation.rs `instruction_to_cost`
 * for Wasm32: most 1, branches 2, globals 2, div/rem 10, calls 5 / 10, memory.grow 300, bulk memory 100, float
 * conversions 3–20 …). Known differences, all small for azle's code: the replica also charges bulk memory ops per
 * byte and every System API call a fixed overhead plus bytes; a block is charged when it starts, so a block that
 * traps or branches out early is charged whole (the replica splits blocks the same way, at branches and labels).
 */

import { leb, Reader as WasmReader } from './wasm-module.ts';

/** Changes whenever the instrumentation changes (it names the cache of instrumented modules). */
export const METERING_VERSION = 1;

/** The counter is exported under this name; the engine sets and reads it. */
export const COUNTER_EXPORT = '__localnet_instructions';

class Reader extends WasmReader {
  /** Skips a LEB128 number of any size and sign. */
  skipLeb(): void {
    while (this.byte() & 0x80);
  }
  skipMemarg(): void {
    const align = this.u32();
    if (align & 0x40) this.u32(); // multi-memory: memory index
    this.skipLeb();
  }
  skipBlockType(): void {
    const x = this.bytes[this.pos]!;
    if (x === 0x40 || (x >= 0x6f && x <= 0x7f)) this.pos++;
    else this.skipLeb();
  }
}

/** Signed LEB128 of a non-negative number (block costs). */
function slebPositive(n: number, out: Bytes): void {
  for (;;) {
    const x = n % 128;
    n = Math.floor(n / 128);
    const done = n === 0 && (x & 0x40) === 0;
    out.push1(done ? x : x | 0x80);
    if (done) return;
  }
}

/** The replica's static cost of a plain (non-prefixed) opcode, Wasm32. */
const COST = new Uint16Array(256).fill(1);
for (const op of [0x02, 0x03, 0x05, 0x0b]) COST[op] = 0; // block, loop, else, end
for (const op of [0x04, 0x0c, 0x0d, 0x0e, 0x23, 0x24]) COST[op] = 2; // if, br, br_if, br_table, global.get/set
for (const op of [0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82]) COST[op] = 10; // div, rem
COST[0x10] = 5; // call
COST[0x11] = 10; // call_indirect
COST[0x12] = 3; // return_call
COST[0x13] = 60; // return_call_indirect
COST[0x25] = COST[0x26] = 5; // table.get/set
COST[0x3f] = 20; // memory.size
COST[0x40] = 300; // memory.grow
for (const op of [0x92, 0x93, 0x94, 0x8d, 0x8e, 0x8f, 0x90, 0xa0, 0xa1, 0xa2, 0x9b, 0x9c, 0x9d, 0x9e]) COST[op] = 2;
COST[0x95] = 3; // f32.div
COST[0xa3] = 5; // f64.div
for (const op of [0x96, 0x97, 0xa4, 0xa5]) COST[op] = 18; // min, max
COST[0x98] = 2; // f32.copysign
COST[0xa6] = 3; // f64.copysign
COST[0x91] = 5; // f32.sqrt
COST[0x9f] = 8; // f64.sqrt
for (let op = 0x5b; op <= 0x66; op++) COST[op] = 3; // float comparisons
for (let op = 0xa8; op <= 0xb1; op++) if (op !== 0xac && op !== 0xad) COST[op] = 20; // trunc
for (const op of [0xb2, 0xb4, 0xb7, 0xb9]) COST[op] = 3; // convert signed
for (const op of [0xb3, 0xb5, 0xb8, 0xba]) COST[op] = 16; // convert unsigned
COST[0xd1] = 5; // ref.is_null
COST[0xd2] = 130; // ref.func

/** Cost of a 0xFC-prefixed instruction. */
function costFc(sub: number): number {
  if (sub <= 7) return 20; // trunc_sat
  if (sub === 9 || sub === 13) return 300; // data.drop, elem.drop
  if (sub === 15) return 300; // table.grow
  if (sub === 16) return 100; // table.size
  return 100; // memory/table init, copy, fill
}

interface Layout {
  /** Payload bounds of each section, in order. */
  sections: Array<{ id: number; start: number; end: number; headerStart: number }>;
  importedGlobals: number;
}

function layout(bytes: Uint8Array): Layout {
  const r = new Reader(bytes, 8);
  const sections: Layout['sections'] = [];
  let importedGlobals = 0;
  while (r.pos < bytes.length) {
    const headerStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, start: r.pos, end: r.pos + size, headerStart });
    if (id === 2) {
      const s = new Reader(bytes, r.pos);
      const n = s.u32();
      for (let i = 0; i < n; i++) {
        for (let name = 0; name < 2; name++) {
          const len = s.u32(); // (s.pos += s.u32() would add to the position before the length was read)
          s.pos += len;
        }
        const kind = s.byte();
        if (kind === 0) s.u32();
        else if (kind === 1) {
          s.byte();
          const flags = s.byte();
          s.u32();
          if (flags & 1) s.u32();
        } else if (kind === 2) {
          const flags = s.byte();
          s.u32();
          if (flags & 1) s.u32();
        } else if (kind === 3) {
          importedGlobals++;
          s.byte();
          s.byte();
        } else s.u32(); // tag
      }
    }
    r.pos += size;
  }
  return { sections, importedGlobals };
}

/** A growable byte buffer (module sections are megabytes: no spreading into arrays). */
class Bytes {
  buf = new Uint8Array(1 << 16);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  push(...xs: number[]): void {
    this.room(xs.length);
    for (const x of xs) this.buf[this.length++] = x;
  }
  push1(x: number): void {
    if (this.length === this.buf.length) this.room(1);
    this.buf[this.length++] = x;
  }
  append(xs: Uint8Array | number[]): void {
    this.room(xs.length);
    if (xs instanceof Uint8Array) this.buf.set(xs, this.length);
    else for (let i = 0; i < xs.length; i++) this.buf[this.length + i] = xs[i]!;
    this.length += xs.length;
  }
  get bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Code injected with the counter's index baked in. */
class Injections {
  /** `global.get C; i64.const` … cost … `i64.sub; global.set C`: counter -= cost. */
  readonly chargeHead: Uint8Array;
  readonly chargeTail: Uint8Array;
  /** `if (C < 0) unreachable`, at function entries and loop headers. */
  readonly check: Uint8Array;

  constructor(counter: number[]) {
    this.chargeHead = new Uint8Array([0x23, ...counter, 0x42]);
    this.chargeTail = new Uint8Array([0x7d, 0x24, ...counter]);
    this.check = new Uint8Array([0x23, ...counter, 0x42, 0x00, 0x53, 0x04, 0x40, 0x00, 0x0b]);
  }

  charge(out: Bytes, cost: number): void {
    out.append(this.chargeHead);
    slebPositive(cost, out);
    out.append(this.chargeTail);
  }
}

/** One function body, instrumented. */
function instrumentBody(b: Uint8Array, start: number, end: number, inject: Injections, out: Bytes): void {
  const r = new Reader(b, start);
  const groups = r.u32();
  for (let i = 0; i < groups; i++) {
    r.u32();
    r.byte();
  }
  out.append(b.subarray(start, r.pos));
  // A block's cost is known only at its end: its code is copied once the charge in front of it is written.
  let blockStart = r.pos;
  let cost = 0;
  let loopHeader = true; // the function entry checks like a loop header
  const flush = () => {
    if (cost > 0) inject.charge(out, cost);
    if (loopHeader) out.append(inject.check);
    out.append(b.subarray(blockStart, r.pos));
    blockStart = r.pos;
    cost = 0;
    loopHeader = false;
  };
  while (r.pos < end) {
    const at = r.pos;
    const op = r.byte();
    let c: number;
    let endsBlock = false;
    switch (op) {
      case 0x02:
      case 0x03:
      case 0x04:
        r.skipBlockType();
        c = COST[op]!;
        endsBlock = true;
        break;
      case 0x05:
      case 0x0b:
      case 0x0f:
      case 0x00:
        c = COST[op]!;
        endsBlock = true;
        break;
      case 0x0c:
      case 0x0d:
        r.u32();
        c = COST[op]!;
        endsBlock = true;
        break;
      case 0x0e: {
        const n = r.u32();
        for (let i = 0; i <= n; i++) r.u32();
        c = COST[op]!;
        endsBlock = true;
        break;
      }
      case 0x10:
      case 0x12:
      case 0x20:
      case 0x21:
      case 0x22:
      case 0x23:
      case 0x24:
      case 0x25:
      case 0x26:
      case 0x3f:
      case 0x40:
      case 0xd2:
        r.u32();
        c = COST[op]!;
        break;
      case 0x11:
      case 0x13:
        r.u32();
        r.u32();
        c = COST[op]!;
        break;
      case 0x1c: {
        const n = r.u32();
        r.pos += n;
        c = 1;
        break;
      }
      case 0x41:
      case 0x42:
        r.skipLeb();
        c = 1;
        break;
      case 0x43:
        r.pos += 4;
        c = 1;
        break;
      case 0x44:
        r.pos += 8;
        c = 1;
        break;
      case 0xd0:
        r.byte();
        c = 1;
        break;
      case 0xfc: {
        const sub = r.u32();
        if (sub === 8 || sub === 10 || sub === 12 || sub === 14) {
          r.u32();
          r.u32();
        } else if (sub === 9 || sub === 11 || sub === 13 || sub >= 15) r.u32();
        c = costFc(sub);
        break;
      }
      case 0xfd: {
        const sub = r.u32();
        if (sub <= 11 || sub === 92 || sub === 93) r.skipMemarg();
        else if (sub === 12 || sub === 13) r.pos += 16;
        else if (sub >= 21 && sub <= 34) r.pos += 1;
        else if (sub >= 84 && sub <= 91) {
          r.skipMemarg();
          r.pos += 1;
        }
        c = 1;
        break;
      }
      case 0xfe: {
        const sub = r.u32();
        if (sub === 3) r.pos += 1;
        else r.skipMemarg();
        c = 1;
        break;
      }
      default:
        if (op >= 0x28 && op <= 0x3e) r.skipMemarg();
        else if (!(op === 0x01 || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1))
          throw new Error(`metering: unsupported opcode 0x${op.toString(16)} at ${at}`);
        c = COST[op]!;
    }
    cost += c;
    if (endsBlock) {
      flush();
      loopHeader = op === 0x03;
    }
  }
  if (r.pos > blockStart || cost > 0) flush();
}

/** The module with every function metered, a counter global (i64, mutable) and its export `COUNTER_EXPORT`. */
export function instrument(bytes: Uint8Array): Uint8Array {
  const { sections, importedGlobals } = layout(bytes);
  if (!sections.some((s) => s.id === 7)) throw new Error('metering: the module has no export section');
  const globalSec = sections.find((s) => s.id === 6);
  const definedGlobals = globalSec ? new Reader(bytes, globalSec.start).u32() : 0;
  const counter = leb(importedGlobals + definedGlobals);
  const newGlobal = [0x7e, 0x01, 0x42, 0x00, 0x0b]; // mut i64 = 0

  const out = new Bytes();
  out.append(bytes.subarray(0, 8));
  const emit = (id: number, parts: Array<Uint8Array | number[]>) => {
    out.push(id, ...leb(parts.reduce((n, p) => n + p.length, 0)));
    for (const p of parts) out.append(p);
  };
  // Globals (6) go before exports (7): a module without a global section gets one after sections 1..5.
  const insertGlobalAfter = globalSec ? undefined : sections.filter((s) => s.id >= 1 && s.id <= 5).at(-1);
  if (!globalSec && !insertGlobalAfter) emit(6, [[1, ...newGlobal]]);
  for (const s of sections) {
    const r = new Reader(bytes, s.start);
    if (s.id === 6) {
      r.u32();
      emit(6, [leb(definedGlobals + 1), bytes.subarray(r.pos, s.end), newGlobal]);
    } else if (s.id === 7) {
      const n = r.u32();
      const name = new TextEncoder().encode(COUNTER_EXPORT);
      emit(7, [leb(n + 1), bytes.subarray(r.pos, s.end), leb(name.length), name, [0x03, ...counter]]);
    } else if (s.id === 10) {
      const n = r.u32();
      const inject = new Injections(counter);
      const parts: Array<Uint8Array | number[]> = [leb(n)];
      const body = new Bytes();
      for (let i = 0; i < n; i++) {
        const size = r.u32();
        body.length = 0;
        instrumentBody(bytes, r.pos, r.pos + size, inject, body);
        parts.push(leb(body.length), body.bytes.slice());
        r.pos += size;
      }
      emit(10, parts);
    } else {
      out.append(bytes.subarray(s.headerStart, s.end));
    }
    if (s === insertGlobalAfter) emit(6, [[1, ...newGlobal]]);
  }
  return out.bytes.slice();
}
