/**
 * canister_inspect_message's look at a Candid message before anything decodes it. The header (type table and
 * argument types) must describe the method's own arguments (candid-shape.ts) or a Candid subtype of them
 * that costs nothing extra to decode: the same types, records that leave out optional fields, variants with
 * fewer cases; no extra arguments, fields or cases, which the decoder would read and skip at any cost. Then
 * the values are walked, without building any, to check every vector's length against its limit. What passes
 * decodes in time linear in its size with a small constant and bounded element counts; what does not would
 * have failed to decode, or cost the canister an unbounded decode, and is refused.
 */
import { OP, type Shape } from './candid-shape.ts';

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('truncated');
    return this.bytes[this.offset++] as number;
  }

  /** LEB128, at most 5 bytes (u32): counts and indexes beyond that are refused as malformed. */
  uleb(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('integer too long');
  }

  sleb(): number {
    let value = 0;
    let shift = 0;
    let b: number;
    do {
      if (shift >= 35) throw new Error('integer too long');
      b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return b & 0x40 ? value - 2 ** shift : value;
  }

  skip(n: number): void {
    if (this.offset + n > this.bytes.length) throw new Error('truncated');
    this.offset += n;
  }
}

type Entry =
  | { kind: 'opt' | 'vec'; inner: number }
  | { kind: 'record' | 'variant'; fields: Array<[id: number, type: number]> }
  | { kind: 'other' };

/** Bytes of a value of each fixed-size primitive type. */
const FIXED: ReadonlyMap<number, number> = new Map([
  [OP.bool, 1],
  [OP.nat8, 1],
  [OP.int8, 1],
  [OP.nat16, 2],
  [OP.int16, 2],
  [OP.nat32, 4],
  [OP.int32, 4],
  [OP.float32, 4],
  [OP.nat64, 8],
  [OP.int64, 8],
  [OP.float64, 8],
]);
const MAX_PRINCIPAL_BYTES = 29;
/** LEB128 of a nat or int: 10 bytes hold 64 bits; no argument of ours needs more. */
const MAX_LEB_BYTES = 10;

class Refusal extends Error {}

/**
 * Why the message must not be decoded, or undefined. `alternatives` are the argument lists the method
 * decodes (usually one); the header must fit one of them. The table may have at most `maxTypes` entries.
 */
export function candidRefusal(
  bytes: Uint8Array,
  alternatives: Shape[][],
  maxTypes: number,
  maxElements: number,
): string | undefined {
  try {
    const r = new Reader(bytes);
    if (r.byte() !== 0x44 || r.byte() !== 0x49 || r.byte() !== 0x44 || r.byte() !== 0x4c) return 'not Candid';
    const count = r.uleb();
    if (count > maxTypes) return `type table has ${count} entries; the limit is ${maxTypes}`;
    const table: Entry[] = [];
    let fields = 0;
    for (let i = 0; i < count; i++) {
      const entry = readEntry(r);
      const refs = entry.kind === 'other' ? [] : 'fields' in entry ? entry.fields.map(([, t]) => t) : [entry.inner];
      if (refs.some((t) => t >= count)) return 'type index out of range';
      fields += refs.length;
      if (fields > maxTypes * 16) return `type table has over ${maxTypes * 16} fields`;
      table.push(entry);
    }
    const argCount = r.uleb();
    if (argCount > maxTypes) return `${argCount} arguments`;
    const args: number[] = [];
    for (let i = 0; i < argCount; i++) args.push(r.sleb());
    if (args.some((t) => t >= count)) return 'type index out of range';
    const shapes = alternatives.find((list) => fits(table, args, list));
    if (shapes === undefined) return "argument types are not the method's";
    const budget = { left: maxElements, of: maxElements };
    args.forEach((t, i) => walk(r, table, t, shapes[i]!, budget));
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    return `malformed: ${(error as Error).message}`;
  }
}

/** Types a value of which takes no bytes and which an expected `opt` accepts (Candid decodes them as null). */
const isAbsent = (t: number) => t === OP.null || t === OP.reserved;
const optional = (s: Shape) => s.kind === 'opt' || (s.kind === 'primitive' && isAbsent(s.op));

function fits(table: Entry[], args: number[], shapes: Shape[]): boolean {
  if (args.length > shapes.length) return false;
  return shapes.every((s, i) => (i < args.length ? matches(table, args[i]!, s) : optional(s)));
}

/** Whether wire type `t` is `s` or one of the cheap subtypes the module comment names. */
function matches(table: Entry[], t: number, s: Shape): boolean {
  if (t < 0) return s.kind === 'primitive' ? s.op === t : s.kind === 'opt' && isAbsent(t);
  const e = table[t]!;
  switch (e.kind) {
    case 'opt':
    case 'vec':
      return s.kind === e.kind && matches(table, e.inner, s.inner);
    case 'record':
    case 'variant': {
      if (s.kind !== e.kind) return false;
      const wire = new Map(e.fields);
      if (wire.size !== e.fields.length) return false;
      const fieldsFit = e.fields.every(([id, ft]) => {
        const expected = s.fields.get(id);
        return expected !== undefined && matches(table, ft, expected);
      });
      const missingFit = e.kind === 'variant' || [...s.fields].every(([id, fs]) => wire.has(id) || optional(fs));
      return fieldsFit && missingFit;
    }
    default:
      return false;
  }
}

/** Reads past one value of wire type `t` (known to match `s`), refusing any vector longer than its limit. */
/** Elements of vectors (bytes of a blob aside) the message may still hold: each costs the decoder ~10^5. */
interface Budget {
  left: number;
  of: number;
}

function walk(r: Reader, table: Entry[], t: number, s: Shape, budget: Budget): void {
  if (t < 0) {
    const fixed = FIXED.get(t);
    if (fixed !== undefined) r.skip(fixed);
    else if (t === OP.text) r.skip(r.uleb());
    else if (t === OP.nat || t === OP.int) {
      for (let n = 1; (r.byte() & 0x80) !== 0; n++) if (n >= MAX_LEB_BYTES) throw new Refusal('a number too long');
    } else if (t === OP.principal) {
      if (r.byte() !== 1) throw new Error('opaque principal reference');
      const length = r.uleb();
      if (length > MAX_PRINCIPAL_BYTES) throw new Refusal(`a principal of ${length} bytes`);
      r.skip(length);
    }
    return;
  }
  const e = table[t]!;
  if (e.kind === 'opt' && s.kind === 'opt') {
    const tag = r.byte();
    if (tag === 1) walk(r, table, e.inner, s.inner, budget);
    else if (tag !== 0) throw new Error('bad opt tag');
  } else if (e.kind === 'vec' && s.kind === 'vec') {
    const length = r.uleb();
    if (length > s.max) throw new Refusal(`${s.path || 'argument'}: ${length} elements; the limit is ${s.max}`);
    if (e.inner === OP.nat8) return r.skip(length);
    budget.left -= length;
    if (budget.left < 0) throw new Refusal(`over ${budget.of} vector elements in all`);
    for (let i = 0; i < length; i++) walk(r, table, e.inner, s.inner, budget);
  } else if (e.kind === 'record' && s.kind === 'record') {
    for (const [id, ft] of e.fields) walk(r, table, ft, s.fields.get(id)!, budget);
  } else if (e.kind === 'variant' && s.kind === 'variant') {
    const index = r.uleb();
    const field = e.fields[index];
    if (field === undefined) throw new Error('variant index out of range');
    walk(r, table, field[1], s.fields.get(field[0])!, budget);
  }
}

function readEntry(r: Reader): Entry {
  const op = r.sleb();
  if (op === OP.opt || op === OP.vec) return { kind: op === OP.vec ? 'vec' : 'opt', inner: r.sleb() };
  if (op === OP.record || op === OP.variant) {
    const fields: Array<[number, number]> = [];
    const n = r.uleb();
    for (let i = 0; i < n; i++) fields.push([r.uleb(), r.sleb()]);
    return { kind: op === OP.record ? 'record' : 'variant', fields };
  }
  if (op === OP.func) {
    for (let part = 0; part < 2; part++) for (let n = r.uleb(); n > 0; n--) r.sleb();
    r.skip(r.uleb());
    return { kind: 'other' };
  }
  if (op === OP.service) {
    for (let n = r.uleb(); n > 0; n--) {
      r.skip(r.uleb());
      r.sleb();
    }
    return { kind: 'other' };
  }
  throw new Error(`unknown type opcode ${op}`);
}
