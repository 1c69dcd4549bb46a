/**
 * Prints a Candid service built by an `interface.ts` factory as a readable `.did`: every type the factory
 * names (an IDL object it returns under a key) becomes `type Name = …;`, records and variants one field per
 * line in the order the factory wrote them, and the service refers to the names.
 */
import type { IDL as IdlNamespace } from '@dfinity/candid';

import { canonicalType } from './canonical.ts';

type Idl = typeof IdlNamespace;
type Type = IdlNamespace.Type;

/** What a canister's interface gives the emitter. */
export interface DidSource {
  service: IdlNamespace.ServiceClass;
  /** The init (and post_upgrade) argument types. */
  init: Type[];
  /** Named IDL objects: every value identical to a type of the service is printed by its key. */
  names: Record<string, unknown>;
  /**
   * A published `.did` (a package path such as `@icp-sdk/canisters/declarations/sns/governance.did`) whose type
   * names a type takes when it has none here and exactly one type there has its shape: for a service built
   * from a factory whose names did not survive (the official SNS governance idl factory).
   */
  namesFromDid?: string;
}

export interface EmitOptions {
  /** Field order as the factory wrote it (from orderRecordingIdl). */
  order?: WeakMap<object, string[]>;
  /** Printed first (a comment). */
  header?: string;
  /** Types named by shape (see DidSource.namesFromDid). */
  shapes?: Record<string, Type>;
}

/**
 * The IDL namespace to call a factory with: the same types, but it remembers the order in which each
 * record's, variant's and service's fields were written (IDL sorts them by hash, which nobody reads well).
 */
export function orderRecordingIdl(IDL: Idl): { IDL: Idl; order: WeakMap<object, string[]> } {
  const order = new WeakMap<object, string[]>();
  const remember = <T extends object>(made: T, fields: object): T => (order.set(made, Object.keys(fields)), made);
  const recording = {
    ...IDL,
    Record: (fields: Record<string, Type>) => remember(IDL.Record(fields), fields),
    Variant: (fields: Record<string, Type>) => remember(IDL.Variant(fields), fields),
    Service: (fields: Record<string, IdlNamespace.FuncClass>) => remember(IDL.Service(fields), fields),
  } as Idl;
  return { IDL: recording, order };
}

const KEYWORDS = new Set(
  (
    'blob bool composite_query empty float32 float64 func import int int8 int16 int32 int64 nat nat8 nat16 ' +
    'nat32 nat64 null oneway opt principal query record reserved service text type variant vec'
  ).split(' '),
);

function label(name: string): string {
  if (/^_\d+_$/.test(name)) return name.slice(1, -1);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name) ? name : JSON.stringify(name);
}

const INDENT = '  ';
/** A record or variant stays on one line in a signature when it is this small and holds no record of its own. */
const INLINE_FIELDS = 3;

export function emitDid(IDL: Idl, source: DidSource, options: EmitOptions = {}): string {
  const order = options.order ?? new WeakMap<object, string[]>();
  const nameOf = new Map<Type, string>();
  for (const [name, value] of Object.entries(source.names)) {
    if (value instanceof IDL.Type && !(value instanceof IDL.ServiceClass) && !nameOf.has(value)) {
      nameOf.set(value, name);
    }
  }
  // Shape -> name; null where two published names share a shape (either would mislead).
  const byShape = new Map<string, string | null>();
  for (const [name, t] of Object.entries(options.shapes ?? {})) {
    const shape = canonicalType(IDL, t);
    byShape.set(shape, byShape.has(shape) ? null : name);
  }
  const shapes = new Map<Type, string>();
  const shapeName = (t: Type): string | undefined => {
    if (byShape.size === 0 || t instanceof IDL.PrimitiveType || t instanceof IDL.ServiceClass) return undefined;
    // `record {}` says nothing a name could add.
    if ((t instanceof IDL.RecordClass || t instanceof IDL.VariantClass) && t._fields.length === 0) return undefined;
    let shape = shapes.get(t);
    if (shape === undefined) shapes.set(t, (shape = canonicalType(IDL, t)));
    return byShape.get(shape) ?? undefined;
  };

  let recs = 0;
  const definitions = new Map<string, string>();
  const reference = (t: Type): string => {
    let name = nameOf.get(t) ?? shapeName(t);
    if (name === undefined && t instanceof IDL.RecClass) name = `rec_${recs++}`;
    if (name === undefined) return '';
    nameOf.set(t, name);
    if (!definitions.has(name)) {
      // Reserved before the body is printed: a recursive type refers to itself by name.
      definitions.set(name, '');
      definitions.set(name, `type ${name} = ${body(t, '', true)};`);
    }
    return name;
  };

  const fieldsInOrder = <F>(t: object, fields: Array<[string, F]>): Array<[string, F]> => {
    const written = order.get(t);
    if (!written) return fields;
    const byName = new Map(fields);
    return written.map((name) => [name, byName.get(name)!]);
  };

  const isTuple = (fields: Array<[string, Type]>) => fields.every(([name], i) => name === `_${i}_`);

  /**
   * The type as written where it is used: its name when it has one. Inside a type definition (`expand`) every
   * record and variant is one field per line; in a method signature a small one stays on one line.
   */
  const type = (t: Type, indent: string, expand = false): string => reference(t) || body(t, indent, expand);

  const body = (t: Type, indent: string, expand: boolean): string => {
    if (t instanceof IDL.RecClass) {
      const inner = t.getType()!;
      return nameOf.has(inner) ? type(inner, indent) : body(inner, indent, expand);
    }
    if (t instanceof IDL.VecClass) {
      return t._type instanceof IDL.FixedNatClass && t._type._bits === 8
        ? 'blob'
        : `vec ${type(t._type, indent, expand)}`;
    }
    if (t instanceof IDL.OptClass) return `opt ${type(t._type, indent, expand)}`;
    if (t instanceof IDL.RecordClass || t instanceof IDL.VariantClass) {
      const variant = t instanceof IDL.VariantClass;
      const fields = fieldsInOrder(t, t._fields);
      if (fields.length === 0) return variant ? 'variant {}' : 'record {}';
      const tuple = !variant && isTuple(fields);
      const inner = indent + INDENT;
      const lines = fields.map(([name, field]) => {
        if (tuple) return type(field, inner, expand);
        if (variant && field instanceof IDL.NullClass) return label(name);
        return `${label(name)} : ${type(field, inner, expand)}`;
      });
      const keyword = variant ? 'variant' : 'record';
      const oneLine = `${keyword} { ${lines.join('; ')} }`;
      const simple = lines.length <= INLINE_FIELDS && !/[{\n]/.test(lines.join(''));
      if ((tuple || !expand) && simple) return oneLine;
      return `${keyword} {\n${lines.map((l) => `${inner}${l};\n`).join('')}${indent}}`;
    }
    if (t instanceof IDL.FuncClass) return func(t, indent);
    if (t instanceof IDL.ServiceClass) return service(t, indent);
    return t.name;
  };

  const args = (types: Type[], indent: string) => `(${types.map((a) => type(a, indent)).join(', ')})`;
  const func = (f: IdlNamespace.FuncClass, indent: string) => `func ${signature(f, indent)}`;
  const signature = (f: IdlNamespace.FuncClass, indent: string) =>
    `${args(f.argTypes, indent)} -> ${args(f.retTypes, indent)}${f.annotations.map((a) => ` ${a}`).join('')}`;
  const service = (s: IdlNamespace.ServiceClass, indent: string) => {
    const inner = indent + INDENT;
    const methods = fieldsInOrder(s, s._fields).map(([name, f]) => {
      const named = reference(f);
      return `${inner}${label(name)} : ${named || signature(f, inner)};\n`;
    });
    return `{\n${methods.join('')}${indent}}`;
  };

  const init = source.init.length > 0 ? `${args(source.init, '')} -> ` : '';
  const serviceText = `service : ${init}${service(source.service, '')}\n`;
  // The factory's own order first, then names met only while printing (shapes, recursive types).
  const names = [...Object.keys(source.names).filter((n) => definitions.has(n)), ...definitions.keys()];
  const types = [...new Set(names)].map((n) => definitions.get(n)!);
  return `${options.header ?? ''}${types.join('\n')}${types.length > 0 ? '\n\n' : ''}${serviceText}`;
}
