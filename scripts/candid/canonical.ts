/**
 * One string per Candid type: names inlined, record and variant fields in id order, methods in name order,
 * a recursive reference written as `μN` (N = how many recursive types up it points). Two types with equal
 * strings are the same Candid type, so each is a subtype of the other.
 */
import type { IDL as IdlNamespace } from '@dfinity/candid';
import { idlLabelToId } from '@dfinity/candid';

type Idl = typeof IdlNamespace;
type Type = IdlNamespace.Type;

/** Texts of types without recursive references: the same wherever they appear (IDL types never change). */
const closed = new WeakMap<Type, string>();

export function canonicalType(IDL: Idl, root: Type): string {
  // Where each recursive type being printed started, as a depth in constructors: the same on both sides of a
  // comparison whatever types a text names, because a name (an IDL.Rec) is no constructor.
  const open = new Map<Type, number>();
  const label = (name: string) => (/^_\d+_$/.test(name) ? name.slice(1, -1) : name);
  const fields = (list: Array<[string, Type]>, depth: number) =>
    [...list]
      .sort(([a], [b]) => idlLabelToId(a) - idlLabelToId(b))
      .map(([name, t]) => `${label(name)}:${print(t, depth)}`)
      .join('; ');
  const func = (f: IdlNamespace.FuncClass, depth: number) => {
    const list = (types: Type[]) => types.map((t) => print(t, depth)).join(', ');
    const annotations = [...f.annotations].sort().map((a) => ` ${a}`);
    return `(${list(f.argTypes)}) -> (${list(f.retTypes)})${annotations.join('')}`;
  };
  const print = (t: Type, depth: number): string => {
    const known = closed.get(t);
    if (known !== undefined) return known;
    const text = printNew(t, depth);
    // Without a recursive reference the text does not depend on where the type sits.
    if (!text.includes('μ')) closed.set(t, text);
    return text;
  };
  const printNew = (t: Type, depth: number): string => {
    if (t instanceof IDL.RecClass) {
      const start = open.get(t);
      if (start !== undefined) return `μ${start}`;
      open.set(t, depth);
      const inner = print(t.getType()!, depth);
      open.delete(t);
      return inner;
    }
    const d = depth + 1;
    if (t instanceof IDL.VecClass) return `vec ${print(t._type, d)}`;
    if (t instanceof IDL.OptClass) return `opt ${print(t._type, d)}`;
    if (t instanceof IDL.RecordClass) return `record {${fields(t._fields, d)}}`;
    if (t instanceof IDL.VariantClass) return `variant {${fields(t._fields, d)}}`;
    if (t instanceof IDL.FuncClass) return `func ${func(t, d)}`;
    if (t instanceof IDL.ServiceClass) {
      const methods = [...t._fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `service {${methods.map(([name, f]) => `${name}:${func(f, d)}`).join('; ')}}`;
    }
    return t.name;
  };
  return print(root, 0);
}

/** The whole interface (init arguments and service) as one canonical string. */
export function canonicalService(IDL: Idl, service: Type, init: Type[]): string {
  return `(${init.map((t) => canonicalType(IDL, t)).join(', ')}) -> ${canonicalType(IDL, service)}`;
}
