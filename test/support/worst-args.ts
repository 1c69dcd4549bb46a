/**
 * The costliest arguments canister_inspect_message lets through, built from a method's own IDL types and
 * its rule's element limits (shared/domain/inspect.ts): every vector as full as the byte limit allows (nested
 * ones too), then the rest of the bytes in a text. Decoding costs per element and per byte, so this is the
 * most a caller can make the decoder spend on that method.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

const join = (path: string, label: string) => (path === '' ? label : `${path}.${label}`);

/** A decodable value of `type`: each vector gets `share` of its limit (at least one element if limited). */
function filled(type: IDL.Type, limits: Record<string, number>, share: number, path: string): unknown {
  if (type instanceof IDL.TupleClass) return type._fields.map(([, t]) => filled(t, limits, share, path));
  if (type instanceof IDL.RecordClass) {
    return Object.fromEntries(type._fields.map(([name, t]) => [name, filled(t, limits, share, join(path, name))]));
  }
  if (type instanceof IDL.VariantClass) {
    // The case with the most inside it (a record over a bare null) costs the decoder most.
    const [name, t] = type._fields.reduce((best, field) => (field[1].name.length > best[1].name.length ? field : best));
    return { [name]: filled(t, limits, share, join(path, name)) };
  }
  if (type instanceof IDL.OptClass) return [filled(type._type, limits, share, path)];
  if (type instanceof IDL.VecClass) {
    if (type._type instanceof IDL.FixedNatClass && type._type._bits === 8) return new Uint8Array(0);
    const count = Math.max(limits[path] ? 1 : 0, Math.floor((limits[path] ?? 0) * share));
    return Array.from({ length: count }, () => filled(type._type, limits, share, path));
  }
  if (type instanceof IDL.PrincipalClass) return Principal.fromText('aaaaa-aa');
  if (type instanceof IDL.TextClass) return '';
  if (type instanceof IDL.BoolClass) return false;
  if (type instanceof IDL.FloatClass) return 0;
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) return type._bits <= 32 ? 0 : 0n;
  if (type instanceof IDL.NullClass) return null;
  return 0n;
}

/** Elements of the arrays in `value` (blobs aside), nested ones included. */
function countElements(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, v) => n + countElements(v), 0);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Principal)) {
    return Object.values(value).reduce((n: number, v) => n + countElements(v), 0);
  }
  return 0;
}

/** Replaces the first empty text in `value` (depth first) by `text`; false if it holds none. */
function setFirstText(type: IDL.Type, value: unknown, text: string): boolean {
  const record = value as Record<string, unknown>;
  if (type instanceof IDL.RecordClass) return type._fields.some(([name, t]) => setText(t, record, name, text));
  if (type instanceof IDL.VariantClass) {
    return type._fields.some(([name, t]) => name in record && setText(t, record, name, text));
  }
  if (type instanceof IDL.OptClass || type instanceof IDL.VecClass) {
    return (value as unknown[]).some((_, i) => setText(type._type, value as Record<string, unknown>, String(i), text));
  }
  return false;
}

/** Sets holder[key] if it is an empty text (the ones `fix` set stay). */
function setText(type: IDL.Type, holder: Record<string, unknown>, key: string, text: string): boolean {
  if (type instanceof IDL.TextClass) {
    if (holder[key] !== '') return false;
    holder[key] = text;
    return true;
  }
  return setFirstText(type, holder[key], text);
}

/**
 * The arguments of `argTypes` encoded in at most `size` bytes, vectors first: the largest share of their
 * limits that fits, with at most `maxElements` elements in all, then a text grown to reach `size`. `fix` sets
 * fields the method's rule needs.
 */
export function worstArgs(
  argTypes: IDL.Type[],
  limits: Record<string, number>,
  size: number,
  maxElements: number,
  fix: (values: unknown[]) => unknown[] = (values) => values,
): Uint8Array {
  const build = (share: number, text: number) => {
    const values = fix(argTypes.map((t) => filled(t, limits, share, '')));
    if (text > 0)
      argTypes.some((t, i) => setText(t, values as unknown as Record<string, unknown>, String(i), 'x'.repeat(text)));
    return new Uint8Array(IDL.encode(argTypes, values));
  };
  const elements = (share: number) => countElements(argTypes.map((t) => filled(t, limits, share, '')));
  let share = 1;
  while (share > 1e-4 && (elements(share) > maxElements || build(share, 0).length > size)) share /= 2;
  let [low, high] = [0, size];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (build(share, mid).length <= size) low = mid;
    else high = mid - 1;
  }
  return build(share, low);
}

/** The arguments of `argTypes` with each vector in `counts` holding that many of its smallest elements. */
export function smallestArgs(argTypes: IDL.Type[], counts: Record<string, number>): Uint8Array {
  return new Uint8Array(
    IDL.encode(
      argTypes,
      argTypes.map((t) => filled(t, counts, 1, '')),
    ),
  );
}
