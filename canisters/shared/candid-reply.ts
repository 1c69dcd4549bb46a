import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

/** One of these is a value of every primitive type a reply can hold (the numbers take 0, principal anonymous). */
const PRIMITIVE_SAMPLES: unknown[] = [0, '', false, null, Principal.anonymous()];

const accepts = (type: IDL.Type, value: unknown): boolean => {
  try {
    return type.covariant(value);
  } catch {
    return false;
  }
};

/** Some value of `type`: what IDL.encode needs to show the bytes it writes before any value. */
export function sampleOf(type: IDL.Type): unknown {
  if (type instanceof IDL.RecClass) return sampleOf(type.getType()!);
  if (type instanceof IDL.VecClass || type instanceof IDL.OptClass) return [];
  if (type instanceof IDL.TupleClass) return type._fields.map(([, field]) => sampleOf(field));
  if (type instanceof IDL.RecordClass) return Object.fromEntries(type._fields.map(([k, t]) => [k, sampleOf(t)]));
  if (type instanceof IDL.VariantClass && type._fields[0]) {
    const [tag, field] = type._fields[0];
    return { [tag]: sampleOf(field) };
  }
  const primitive = PRIMITIVE_SAMPLES.find((value) => accepts(type, value));
  if (primitive === undefined) throw new Error(`replyEncoder: no value of ${type.display()} to sample`);
  return primitive;
}

/**
 * `IDL.encode([type], [value])`, byte for byte, for one fixed type. The library rebuilds the type table on every
 * call (each type's name is a string rebuilt from its whole subtree, each field label hashed through UTF-8):
 * ~20 M instructions per reply in azle's QuickJS, where the value's own bytes cost a few M. What it writes
 * before the value depends on the type alone, so it is taken once here from a sample value. A value the type
 * refuses goes to IDL.encode itself, which throws its own error.
 */
export function replyEncoder(type: IDL.Type | undefined): (value: unknown) => Uint8Array {
  if (type === undefined) {
    const empty = IDL.encode([], []);
    return () => empty.slice();
  }
  const sample = sampleOf(type);
  const whole = IDL.encode([type], [sample]);
  const header = whole.slice(0, whole.length - type.encodeValue(sample).length);
  return (value) => {
    if (value === undefined || !accepts(type, value)) return IDL.encode([type], value === undefined ? [] : [value]);
    const body = type.encodeValue(value);
    const reply = new Uint8Array(header.length + body.length);
    reply.set(header);
    reply.set(body, header.length);
    return reply;
  };
}
