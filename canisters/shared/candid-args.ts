import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { sampleOf } from './candid-reply.ts';

/** The fast path met bytes it does not read the library's way: IDL.decode decodes them (or throws) instead. */
const UNREAD = new Error('not read by the fast path');

class Cursor {
  at = 0;
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  take(n: number): number {
    if (n > this.bytes.length - this.at) throw UNREAD;
    this.at += n;
    return this.at - n;
  }

  byte(): number {
    return this.bytes[this.take(1)]!;
  }

  /** An unsigned LEB128 below 2^49 (every count a message can hold); past that the library reads it. */
  leb(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (scale > 2 ** 42) throw UNREAD;
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
    }
  }
}

type Read = (c: Cursor) => unknown;

const fixed = (bytes: number, get: (view: DataView, at: number) => unknown): Read => {
  return (c) => get(c.view, c.take(bytes));
};

/** A reader giving what `type`'s decodeValue gives when the wire type is `type` itself. */
function readerOf(type: IDL.Type): Read {
  if (type instanceof IDL.NullClass || type instanceof IDL.ReservedClass) return () => null;
  if (type instanceof IDL.BoolClass) {
    return (c) => {
      const b = c.byte();
      if (b > 1) throw UNREAD;
      return b === 1;
    };
  }
  if (type instanceof IDL.TextClass) {
    return (c) => {
      const n = c.leb();
      const at = c.take(n);
      return new TextDecoder('utf8', { fatal: true }).decode(c.bytes.subarray(at, at + n));
    };
  }
  if (type instanceof IDL.PrincipalClass) {
    return (c) => {
      if (c.byte() !== 1) throw UNREAD;
      const n = c.leb();
      const at = c.take(n);
      return Principal.fromUint8Array(c.bytes.slice(at, at + n));
    };
  }
  if (type instanceof IDL.FloatClass) {
    return type._bits === 32
      ? fixed(4, (v, at) => v.getFloat32(at, true))
      : fixed(8, (v, at) => v.getFloat64(at, true));
  }
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) return fixedInteger(type);
  if (type instanceof IDL.OptClass) {
    const inner = readerOf(type._type);
    return (c) => {
      const tag = c.byte();
      if (tag > 1) throw UNREAD;
      return tag === 0 ? [] : [inner(c)];
    };
  }
  if (type instanceof IDL.VecClass) return vecReader(type);
  if (type instanceof IDL.TupleClass) {
    const items = type._fields.map(([, t]) => readerOf(t));
    return (c) => items.map((read) => read(c));
  }
  if (type instanceof IDL.RecordClass) {
    const fields = type._fields.map(([key, t]) => [key, readerOf(t)] as const);
    return (c) => {
      const record: Record<string, unknown> = {};
      for (const [key, read] of fields) record[key] = read(c);
      return record;
    };
  }
  if (type instanceof IDL.VariantClass) {
    const cases = type._fields.map(([key, t]) => [key, readerOf(t)] as const);
    return (c) => {
      const [key, read] = cases[c.leb()] ?? [];
      if (read === undefined) throw UNREAD;
      return { [key]: read(c) };
    };
  }
  throw new Error(`no fast reader for ${type.display()}`);
}

function fixedInteger(type: IDL.FixedNatClass | IDL.FixedIntClass): Read {
  const signed = type instanceof IDL.FixedIntClass;
  switch (type._bits) {
    case 8:
      return fixed(1, (v, at) => (signed ? v.getInt8(at) : v.getUint8(at)));
    case 16:
      return fixed(2, (v, at) => (signed ? v.getInt16(at, true) : v.getUint16(at, true)));
    case 32:
      return fixed(4, (v, at) => (signed ? v.getInt32(at, true) : v.getUint32(at, true)));
    default:
      return fixed(8, (v, at) => (signed ? v.getBigInt64(at, true) : v.getBigUint64(at, true)));
  }
}

function vecReader(type: IDL.VecClass<unknown>): Read {
  const element = type._type;
  if (element instanceof IDL.FixedNatClass && element._bits === 8) {
    return (c) => {
      const n = c.leb();
      const at = c.take(n);
      return c.bytes.slice(at, at + n);
    };
  }
  // The library returns typed arrays for other fixed-size numbers, with their own quirks: leave them to it.
  if (element instanceof IDL.FixedNatClass || element instanceof IDL.FixedIntClass) {
    throw new Error(`no fast reader for ${type.display()}`);
  }
  const read = readerOf(element);
  return (c) => {
    const n = c.leb();
    // More elements than bytes left: only zero-sized ones fit, and the library may have its own word on them.
    if (n > c.bytes.length - c.at) throw UNREAD;
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) items.push(read(c));
    return items;
  };
}

const asText = (bytes: Uint8Array) => String.fromCharCode.apply(null, bytes as unknown as number[]);

/**
 * `IDL.decode(types, bytes)`, with the same values and the same errors, for a method's fixed argument types.
 * The library parses the message's type table and builds a type object per entry on every call, then matches
 * every field label by hashing its UTF-8 (~9 M instructions for a one-message submit in azle's QuickJS). A
 * message whose table and argument types are byte for byte the ones IDL.encode writes for `types` (what every
 * agent built from our interface sends) is read here straight from the types; anything else, and any byte
 * this path does not read as the library would, goes to IDL.decode.
 */
export function argsDecoder(types: IDL.Type[]): (bytes: Uint8Array) => unknown[] {
  let readers: Read[];
  try {
    readers = types.map(readerOf);
  } catch {
    return (bytes) => IDL.decode(types, bytes);
  }
  const samples = types.map(sampleOf);
  const whole = IDL.encode(types, samples);
  const valueBytes = types.reduce((n, t, i) => n + t.encodeValue(samples[i]).length, 0);
  const header = asText(whole.subarray(0, whole.length - valueBytes));
  return (bytes) => {
    if (bytes.length >= header.length && asText(bytes.subarray(0, header.length)) === header) {
      try {
        const c = new Cursor(bytes);
        c.at = header.length;
        const values = readers.map((read) => read(c));
        if (c.at === bytes.length) return values;
      } catch {
        // Read by the library below: its value or its error.
      }
    }
    return IDL.decode(types, bytes);
  };
}
