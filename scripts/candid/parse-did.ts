/**
 * Reads Candid text (a `.did` file, or what azle generates) back into IDL types, so two texts can be
 * compared as types rather than as strings. Covers the Candid the canisters use: type definitions
 * (recursive ones through IDL.Rec), records, variants, tuples, opt, vec, blob, func, service and the
 * primitive types; no imports.
 */
import { IDL } from '@dfinity/candid';

export interface ParsedDid {
  /** Every `type Name = …;` (an IDL.Rec filled with its definition). */
  types: Record<string, IDL.Type>;
  service: IDL.ServiceClass;
  /** The init arguments of `service : (…) -> {…}`; empty when the service takes none. */
  init: IDL.Type[];
}

const PRIMITIVES: Record<string, IDL.Type> = {
  bool: IDL.Bool,
  text: IDL.Text,
  null: IDL.Null,
  reserved: IDL.Reserved,
  empty: IDL.Empty,
  principal: IDL.Principal,
  nat: IDL.Nat,
  int: IDL.Int,
  nat8: IDL.Nat8,
  nat16: IDL.Nat16,
  nat32: IDL.Nat32,
  nat64: IDL.Nat64,
  int8: IDL.Int8,
  int16: IDL.Int16,
  int32: IDL.Int32,
  int64: IDL.Int64,
  float32: IDL.Float32,
  float64: IDL.Float64,
};

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|->|[A-Za-z_][A-Za-z0-9_]*|\d+|[{}();:,=]/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Error(`Candid: unexpected "${text.slice(at, at + 20)}" at offset ${at}`);
    at = pattern.lastIndex;
    const token = match[0];
    if (!/^\s/.test(token) && !token.startsWith('//') && !token.startsWith('/*')) tokens.push(token);
  }
  return tokens;
}

export function parseDid(text: string): ParsedDid {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('Candid: unexpected end of text');
    return token;
  };
  const expect = (token: string) => {
    const got = next();
    if (got !== token) throw new Error(`Candid: expected "${token}", got "${got}"`);
  };
  const accept = (token: string) => (peek() === token ? (at++, true) : false);

  // Names resolve lazily through IDL.Rec, so definitions may refer to later (or their own) names.
  const recs = new Map<string, IDL.RecClass>();
  const named = (name: string) => {
    let rec = recs.get(name);
    if (!rec) recs.set(name, (rec = IDL.Rec()));
    return rec;
  };

  const labelOf = (token: string): string => {
    if (/^\d+$/.test(token)) return `_${token}_`;
    return token.startsWith('"') ? (JSON.parse(token) as string) : token;
  };

  const fields = (variant: boolean): Array<[string, IDL.Type]> => {
    expect('{');
    const out: Array<[string, IDL.Type]> = [];
    while (!accept('}')) {
      const start = at;
      const first = next();
      if (accept(':')) out.push([labelOf(first), dataType()]);
      else if (variant) out.push([labelOf(first), IDL.Null]);
      else {
        at = start;
        out.push([`_${out.length}_`, dataType()]);
      }
      if (!accept(';')) {
        expect('}');
        break;
      }
    }
    return out;
  };

  const argList = (): IDL.Type[] => {
    expect('(');
    const out: IDL.Type[] = [];
    while (!accept(')')) {
      // An argument may carry a name (`(id : nat64)`), which is not part of its type.
      if (/^[A-Za-z_"]/.test(peek() ?? '') && tokens[at + 1] === ':') at += 2;
      out.push(dataType());
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return out;
  };

  const funcSignature = (): IDL.FuncClass => {
    const args = argList();
    expect('->');
    const rets = argList();
    const annotations: string[] = [];
    while (peek() === 'query' || peek() === 'oneway' || peek() === 'composite_query') annotations.push(next());
    return IDL.Func(args as IDL.GenericIdlFuncArgs, rets as IDL.GenericIdlFuncRets, annotations);
  };

  const serviceBody = (): IDL.ServiceClass => {
    expect('{');
    const methods: Record<string, IDL.FuncClass> = {};
    while (!accept('}')) {
      const name = labelOf(next());
      expect(':');
      methods[name] = peek() === '(' ? funcSignature() : (dataType() as IDL.FuncClass);
      accept(';');
    }
    return IDL.Service(methods);
  };

  const dataType = (): IDL.Type => {
    const token = next();
    if (token === 'opt') return IDL.Opt(dataType());
    if (token === 'vec') return IDL.Vec(dataType());
    if (token === 'blob') return IDL.Vec(IDL.Nat8);
    if (token === 'record') {
      const list = fields(false);
      if (list.length > 0 && list.every(([name], i) => name === `_${i}_`)) return IDL.Tuple(...list.map(([, t]) => t));
      return IDL.Record(Object.fromEntries(list));
    }
    if (token === 'variant') return IDL.Variant(Object.fromEntries(fields(true)));
    if (token === 'func') return funcSignature();
    if (token === 'service') return serviceBody();
    const primitive = PRIMITIVES[token];
    if (primitive) return primitive;
    if (!/^[A-Za-z_]/.test(token)) throw new Error(`Candid: unexpected "${token}"`);
    return named(token);
  };

  const definitions = new Map<string, IDL.Type>();
  let service: IDL.ServiceClass | undefined;
  let init: IDL.Type[] = [];
  while (at < tokens.length) {
    const keyword = next();
    if (keyword === 'type') {
      const name = next();
      expect('=');
      definitions.set(name, dataType());
      expect(';');
    } else if (keyword === 'service') {
      if (peek() !== ':') next(); // `service name : …`
      expect(':');
      if (peek() === '(') {
        init = argList();
        expect('->');
      }
      service = peek() === '{' ? serviceBody() : (dataType() as IDL.ServiceClass);
      accept(';');
    } else throw new Error(`Candid: unexpected "${keyword}" at top level`);
  }
  for (const name of recs.keys()) {
    if (!definitions.has(name)) throw new Error(`Candid: type ${name} is used but not defined`);
  }
  for (const [name, definition] of definitions) named(name).fill(definition);
  if (!service) throw new Error('Candid: no service');
  return {
    // Through the IDL.Rec of each name, so a recursive type's references point back at the type itself.
    types: Object.fromEntries([...definitions.keys()].map((name) => [name, named(name)])),
    service: service instanceof IDL.RecClass ? (service.getType() as IDL.ServiceClass) : service,
    init,
  };
}
