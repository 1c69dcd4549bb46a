/**
 * JSON (as typed on a command line) to a Candid value of a given type, for payloads such as
 * `{"contributor":"aaaaa-aa","reason":"offline"}`. Principals are text, 64-bit and unbounded integers may
 * be strings or numbers, `opt T` is null or T, variants are `{"Tag": value}` (or "Tag" for null), blobs hex.
 */
import { IDL } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';

export class PayloadJsonError extends Error {
  override readonly name = 'PayloadJsonError';
}

const fail = (path: string, message: string): never => {
  throw new PayloadJsonError(`${path || 'payload'}: ${message}`);
};

function integer(t: IDL.Type, v: unknown, path: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.replace(/_/g, ''))) return BigInt(v.replace(/_/g, ''));
  return fail(path, `expected ${t.display()}, got ${JSON.stringify(v)}`);
}

export function fromJson(t: IDL.Type, v: unknown, path = ''): unknown {
  if (t instanceof IDL.RecClass) return fromJson(t.getType()!, v, path);
  if (t instanceof IDL.TextClass)
    return typeof v === 'string' ? v : fail(path, `expected text, got ${JSON.stringify(v)}`);
  if (t instanceof IDL.BoolClass)
    return typeof v === 'boolean' ? v : fail(path, `expected bool, got ${JSON.stringify(v)}`);
  if (t instanceof IDL.NullClass) return v === null ? null : fail(path, 'expected null');
  if (t instanceof IDL.PrincipalClass) {
    if (typeof v !== 'string') return fail(path, `expected a principal as text, got ${JSON.stringify(v)}`);
    try {
      return Principal.fromText(v);
    } catch {
      return fail(path, `not a principal: "${v}"`);
    }
  }
  if (t instanceof IDL.FloatClass)
    return typeof v === 'number' ? v : fail(path, `expected a number, got ${JSON.stringify(v)}`);
  if (t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass) {
    const n = integer(t, v, path);
    const bits = BigInt(t._bits);
    const [min, max] = t instanceof IDL.FixedNatClass ? [0n, 2n ** bits] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n)];
    if (n < min || n >= max) fail(path, `${n} is out of range for ${t.display()}`);
    return t._bits <= 32 ? Number(n) : n;
  }
  if (t instanceof IDL.NatClass || t instanceof IDL.IntClass) {
    const n = integer(t, v, path);
    if (t instanceof IDL.NatClass && n < 0n) fail(path, `${n} is negative`);
    return n;
  }
  if (t instanceof IDL.OptClass) return v === null || v === undefined ? [] : [fromJson(t._type, v, path)];
  if (t instanceof IDL.VecClass) {
    if (t._type instanceof IDL.FixedNatClass && t._type._bits === 8 && typeof v === 'string')
      return new Uint8Array(Buffer.from(v, 'hex'));
    if (!Array.isArray(v)) return fail(path, `expected an array for ${t.display()}`);
    return v.map((item, i) => fromJson(t._type, item, `${path}[${i}]`));
  }
  if (t instanceof IDL.RecordClass) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return fail(path, `expected an object for ${t.display()}`);
    const input = v as Record<string, unknown>;
    const known = new Set(t._fields.map(([k]) => k));
    const extra = Object.keys(input).filter((k) => !known.has(k));
    if (extra.length > 0) fail(path, `unknown field(s) ${extra.join(', ')}; expected ${t.display()}`);
    return Object.fromEntries(
      t._fields.map(([k, ft]) => [
        k,
        fromJson(ft, input[k] ?? (ft instanceof IDL.OptClass ? null : fail(`${path}.${k}`, 'missing')), `${path}.${k}`),
      ]),
    );
  }
  if (t instanceof IDL.VariantClass) {
    const [tag, value] =
      typeof v === 'string'
        ? [v, null]
        : typeof v === 'object' && v !== null && Object.keys(v).length === 1
          ? Object.entries(v)[0]!
          : [undefined, undefined];
    const field = t._fields.find(([k]) => k === tag);
    if (!field) return fail(path, `expected one of ${t._fields.map(([k]) => k).join(', ')}`);
    return { [field[0]]: fromJson(field[1], value, `${path}.${field[0]}`) };
  }
  return fail(path, `unsupported Candid type ${t.display()}`);
}
