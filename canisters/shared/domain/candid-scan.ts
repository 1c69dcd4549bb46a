/**
 * A look at a Candid message's header (magic, type table, argument types) without decoding any value,
 * to refuse before decoding the messages whose decoding cost is not bounded by their size: a `vec` of a
 * zero-sized type (null, reserved, empty, a record of such) decodes 10^9 elements from a few bytes.
 * Every other value takes at least one byte per element, so decoding stays linear in the message size.
 * A type table longer than `maxTypes` entries (or 16 fields per entry) is refused too; ours need far
 * fewer, and it keeps this scan itself small. A recursive type (`type T = opt T`) is refused: no method of
 * ours takes one, and without it a value nests at most as deep as the table is long, so a decoder's
 * recursion stays shallow whatever the message size.
 */
const NULL = -1;
const RESERVED = -16;
const EMPTY = -17;
const OPT = -18;
const VEC = -19;
const RECORD = -20;
const VARIANT = -21;
const FUNC = -22;
const SERVICE = -23;

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
  { kind: 'vec' | 'opt'; inner: number } | { kind: 'record' | 'variant'; fields: number[] } | { kind: 'other' };

/** Why the message must not be decoded, or undefined when its decoding cost is linear in its size. */
export function candidHazard(bytes: Uint8Array, maxTypes: number): string | undefined {
  try {
    const r = new Reader(bytes);
    if (r.byte() !== 0x44 || r.byte() !== 0x49 || r.byte() !== 0x44 || r.byte() !== 0x4c) return 'not Candid';
    const count = r.uleb();
    if (count > maxTypes) return `type table has ${count} entries; the limit is ${maxTypes}`;
    const table: Entry[] = [];
    for (let i = 0; i < count; i++) table.push(readEntry(r));
    const fields = table.reduce((sum, entry) => sum + refs(entry).length, 0);
    if (fields > maxTypes * 16) return `type table has ${fields} fields; the limit is ${maxTypes * 16}`;
    const zeroSized = zeroSizedTypes(table);
    const isZero = (t: number) => t === NULL || t === RESERVED || t === EMPTY || (t >= 0 && zeroSized[t] === true);
    for (const entry of table) {
      if (entry.kind === 'vec' && isZero(entry.inner)) return 'a vector of a zero-sized type';
      if (entry.kind !== 'other' && refs(entry).some((t) => t >= count)) return 'type index out of range';
    }
    if (recursive(table)) return 'a recursive type';
    const args = r.uleb();
    if (args > maxTypes) return `${args} arguments`;
    for (let i = 0; i < args; i++) if (r.sleb() >= count) return 'type index out of range';
    return undefined;
  } catch (error) {
    return `malformed header: ${(error as Error).message}`;
  }
}

function readEntry(r: Reader): Entry {
  const op = r.sleb();
  if (op === OPT || op === VEC) return { kind: op === VEC ? 'vec' : 'opt', inner: r.sleb() };
  if (op === RECORD || op === VARIANT) {
    const fields: number[] = [];
    const n = r.uleb();
    for (let i = 0; i < n; i++) {
      r.uleb();
      fields.push(r.sleb());
    }
    return { kind: op === RECORD ? 'record' : 'variant', fields };
  }
  if (op === FUNC) {
    for (let part = 0; part < 2; part++) for (let n = r.uleb(); n > 0; n--) r.sleb();
    r.skip(r.uleb());
    return { kind: 'other' };
  }
  if (op === SERVICE) {
    for (let n = r.uleb(); n > 0; n--) {
      r.skip(r.uleb());
      r.sleb();
    }
    return { kind: 'other' };
  }
  throw new Error(`unknown type opcode ${op}`);
}

function refs(entry: Entry): number[] {
  if (entry.kind === 'other') return [];
  return 'fields' in entry ? entry.fields : [entry.inner];
}

/** Whether some entry reaches itself through opt, vec, record or variant (a depth-first search; indexes checked). */
function recursive(table: Entry[]): boolean {
  const state: Array<'open' | 'done' | undefined> = [];
  const visit = (i: number): boolean => {
    if (state[i] === 'done') return false;
    if (state[i] === 'open') return true;
    state[i] = 'open';
    const found = refs(table[i]!).some((t) => t >= 0 && visit(t));
    state[i] = 'done';
    return found;
  };
  return table.some((_, i) => visit(i));
}

/**
 * Records all of whose fields are zero-sized, found as a greatest fixpoint: a record that (directly or
 * through other records) contains only itself can hold no bytes either, so it counts as zero-sized.
 */
function zeroSizedTypes(table: Entry[]): boolean[] {
  const zero = table.map((entry) => entry.kind === 'record');
  for (let changed = true; changed;) {
    changed = false;
    table.forEach((entry, i) => {
      if (!zero[i] || entry.kind !== 'record') return;
      const sized = entry.fields.some(
        (t) => !(t === NULL || t === RESERVED || t === EMPTY || (t >= 0 && t < table.length && zero[t])),
      );
      if (sized) {
        zero[i] = false;
        changed = true;
      }
    });
  }
  return zero;
}
