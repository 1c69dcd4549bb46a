/**
 * A method's argument types as canister_inspect_message checks them (candid-scan.ts): the Candid types the
 * method decodes, with the most elements each vector may hold. Built from the canister's own IDL types
 * (interface.ts) through their visitor interface, so this file needs no Candid library of its own.
 */

/** Candid's type opcodes (the spec's negative type codes). */
export const OP = {
  null: -1,
  bool: -2,
  nat: -3,
  int: -4,
  nat8: -5,
  nat16: -6,
  nat32: -7,
  nat64: -8,
  int8: -9,
  int16: -10,
  int32: -11,
  int64: -12,
  float32: -13,
  float64: -14,
  text: -15,
  reserved: -16,
  empty: -17,
  opt: -18,
  vec: -19,
  record: -20,
  variant: -21,
  func: -22,
  service: -23,
  principal: -24,
} as const;

export type Shape =
  | { kind: 'primitive'; op: number }
  | { kind: 'opt'; inner: Shape }
  /** `max` elements at most; a vector of nat8 (a blob) has none beyond the message size. */
  | { kind: 'vec'; inner: Shape; max: number; path: string }
  | { kind: 'record' | 'variant'; fields: Map<number, Shape> };

/** An IDL type of @dfinity/candid (azle re-exports it): what this file uses of it. */
export interface IdlType {
  accept(visitor: never, data: string): unknown;
}

/** Candid's field id of a label (the spec's hash; `_N_` labels are the number N). */
export function labelId(label: string): number {
  const numbered = /^_(\d+)_$/.exec(label);
  if (numbered && Number(numbered[1]) < 2 ** 32) return Number(numbered[1]);
  let hash = 0;
  for (const byte of new TextEncoder().encode(label)) hash = (hash * 223 + byte) % 2 ** 32;
  return hash;
}

const primitive = (op: number) => (): Shape => ({ kind: 'primitive', op });

/**
 * The shapes of a method's arguments. `vectors` gives each vector's element limit by its path: the field
 * names from the argument down, vectors and options adding nothing (`messages`, `messages.tool_calls`; `''`
 * for an argument that is itself a vector). Every vector but a blob needs one, and every limit must name a
 * vector of some alternative, so a type change cannot leave a vector unbounded or a limit pointing nowhere.
 */
export function methodShapes(alternatives: readonly IdlType[][], vectors: Readonly<Record<string, number>>): Shape[][] {
  const used = new Set<string>();
  const shapes = alternatives.map((types) => argShapes(types, vectors, used));
  const unused = Object.keys(vectors).filter((path) => !used.has(path));
  if (unused.length > 0) throw new Error(`element limits for no vector: ${unused.join(', ')}`);
  return shapes;
}

function argShapes(types: readonly IdlType[], vectors: Readonly<Record<string, number>>, used: Set<string>): Shape[] {
  const join = (path: string, label: string) => (path === '' ? label : `${path}.${label}`);
  const fields = (path: string, list: Array<[string, IdlType]>) =>
    new Map(list.map(([label, type]) => [labelId(label), shapeOf(type, join(path, label))]));
  const visitor = {
    visitEmpty: primitive(OP.empty),
    visitBool: primitive(OP.bool),
    visitNull: primitive(OP.null),
    visitReserved: primitive(OP.reserved),
    visitText: primitive(OP.text),
    visitInt: primitive(OP.int),
    visitNat: primitive(OP.nat),
    visitPrincipal: primitive(OP.principal),
    visitFloat: (t: { _bits: number }): Shape => primitive(t._bits === 32 ? OP.float32 : OP.float64)(),
    visitFixedInt: (t: { _bits: number }): Shape => primitive(OP.int8 - Math.log2(t._bits / 8))(),
    visitFixedNat: (t: { _bits: number }): Shape => primitive(OP.nat8 - Math.log2(t._bits / 8))(),
    visitOpt: (_: unknown, inner: IdlType, path: string): Shape => ({
      kind: 'opt',
      inner: shapeOf(inner, path),
    }),
    visitVec: (_: unknown, inner: IdlType, path: string): Shape => {
      const shape = shapeOf(inner, path);
      if (shape.kind === 'primitive' && shape.op === OP.nat8) return { kind: 'vec', inner: shape, max: Infinity, path };
      const max = Object.hasOwn(vectors, path) ? vectors[path] : undefined;
      if (max === undefined) throw new Error(`no element limit for the vector at "${path}"`);
      used.add(path);
      return { kind: 'vec', inner: shape, max, path };
    },
    visitRecord: (_: unknown, list: Array<[string, IdlType]>, path: string): Shape => ({
      kind: 'record',
      fields: fields(path, list),
    }),
    visitTuple: (_: unknown, list: IdlType[], path: string): Shape => ({
      kind: 'record',
      fields: fields(
        path,
        list.map((type, i) => [`_${i}_`, type]),
      ),
    }),
    visitVariant: (_: unknown, list: Array<[string, IdlType]>, path: string): Shape => ({
      kind: 'variant',
      fields: fields(path, list),
    }),
  };
  // The visitor returns what its methods return: a Shape.
  const shapeOf = (type: IdlType, path: string) => type.accept(visitor as never, path) as Shape;
  return types.map((type) => shapeOf(type, ''));
}

/** A service's methods and their argument types (an IDL.Service: `_fields` of name and IDL.Func). */
export function serviceArgs(service: { _fields: Array<[string, unknown]> }): Record<string, IdlType[][]> {
  return Object.fromEntries(
    service._fields.map(([name, func]) => [name, [(func as { argTypes: IdlType[] }).argTypes]]),
  );
}
