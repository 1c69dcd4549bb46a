import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { candidRefusal } from './candid-scan.ts';
import { labelId, methodShapes, type IdlType } from './candid-shape.ts';

const encode = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

const Call = IDL.Record({ id: IDL.Text, args: IDL.Vec(IDL.Text) });
const Msg = IDL.Record({
  role: IDL.Variant({ User: IDL.Null, Assistant: IDL.Null }),
  content: IDL.Text,
  calls: IDL.Opt(IDL.Vec(Call)),
  seed: IDL.Opt(IDL.Nat32),
});
const Args = IDL.Record({ model: IDL.Text, messages: IDL.Vec(Msg), blob: IDL.Vec(IDL.Nat8), at: IDL.Nat64 });
const LIMITS = { messages: 4, 'messages.calls': 2, 'messages.calls.args': 3 };
const check = (bytes: Uint8Array, types?: IDL.Type[][]) =>
  candidRefusal(
    bytes,
    methodShapes((types ?? [[Args, IDL.Opt(IDL.Principal)]]) as unknown as IdlType[][], types ? {} : LIMITS),
    64,
    21,
  );
const msg = (calls: number, args = 0) => ({
  role: { User: null },
  content: 'hi',
  calls: calls === 0 ? [] : [Array.from({ length: calls }, () => ({ id: 'c', args: Array(args).fill('a') }))],
  seed: [7],
});
const args = (messages: unknown[]) => ({ model: 'm', messages, blob: new Uint8Array(5000), at: 1n });

describe('candidRefusal', () => {
  it("passes the method's own types, with every vector at its limit and a blob of any length", () => {
    expect(check(encode([Args, IDL.Opt(IDL.Principal)], [args([msg(2, 3), msg(2, 3), msg(0), msg(1)]), []]))).toBe(
      undefined,
    );
  });

  it('passes the cheap subtypes: trailing opt arguments left out, opt fields left out, fewer variant cases', () => {
    const Older = IDL.Record({
      model: IDL.Text,
      messages: IDL.Vec(IDL.Record({ role: IDL.Variant({ User: IDL.Null }), content: IDL.Text })),
      blob: IDL.Vec(IDL.Nat8),
      at: IDL.Nat64,
    });
    const value = { model: 'm', messages: [{ role: { User: null }, content: 'x' }], blob: [], at: 0n };
    expect(check(encode([Older], [value]))).toBeUndefined();
  });

  it('refuses what decoding would read and skip: extra arguments, fields or cases', () => {
    const value = args([msg(0)]);
    const pad = IDL.Vec(IDL.Variant({ a: IDL.Null, b: IDL.Null }));
    expect(check(encode([Args, IDL.Opt(IDL.Principal), pad], [value, [], [{ a: null }]]))).toMatch(/not the method's/);
    const Wider = IDL.Record({ ...Object.fromEntries(Args._fields), extra: pad });
    expect(check(encode([Wider], [{ ...value, extra: [] }]))).toMatch(/not the method's/);
    const MoreCases = IDL.Variant({ User: IDL.Null, Assistant: IDL.Null, Other: IDL.Null });
    expect(
      check(encode([MoreCases], [{ User: null }]), [[IDL.Variant({ User: IDL.Null, Assistant: IDL.Null })]]),
    ).toMatch(/not the method's/);
  });

  it('refuses other types: a missing required field, another primitive, a vector of nulls, recursion', () => {
    const NoModel = IDL.Record({ messages: IDL.Vec(Msg), blob: IDL.Vec(IDL.Nat8), at: IDL.Nat64 });
    expect(check(encode([NoModel], [{ messages: [], blob: [], at: 0n }]))).toMatch(/not the method's/);
    expect(check(encode([IDL.Nat32], [1]), [[IDL.Nat64]])).toMatch(/not the method's/);
    // DIDL, 1 type: vec null; 1 arg of type 0; length 10^9 in LEB128.
    expect(check(hex('4449444c016d7f0100808094eb03'), [[IDL.Vec(IDL.Nat8)]])).toMatch(/not the method's/);
    // type 0 = opt 0, one argument of type 0: 100 000 levels of Some in 100 KB.
    const deep = new Uint8Array([...hex('4449444c016e000100'), ...new Uint8Array(100_000).fill(1), 0]);
    expect(check(deep, [[IDL.Opt(IDL.Opt(IDL.Nat8))]])).toMatch(/not the method's/);
  });

  it('refuses more vector elements in all than the budget, though each vector is within its limit', () => {
    // 4 messages + 2 + 2 + 1 calls + 4 × 3 args = 21 elements, the budget; one argument more is over it.
    expect(check(encode([Args], [args([msg(2, 3), msg(2, 3), msg(0), msg(1)])]))).toBe(undefined);
    expect(check(encode([Args], [args([msg(2, 3), msg(2, 3), msg(0), msg(1, 1)])]))).toBe(
      'over 21 vector elements in all',
    );
  });

  it('refuses a vector past its limit before anything decodes, naming it', () => {
    expect(check(encode([Args], [args(Array(5).fill(msg(0)))]))).toBe('messages: 5 elements; the limit is 4');
    expect(check(encode([Args], [args([msg(3)])]))).toBe('messages.calls: 3 elements; the limit is 2');
    expect(check(encode([Args], [args([msg(1, 4)])]))).toBe('messages.calls.args: 4 elements; the limit is 3');
    // A huge declared length in a few bytes is refused on the length, not walked.
    const vecText = IDL.Vec(IDL.Text);
    const forged = hex('4449444c016d710100ffffffff0f');
    expect(candidRefusal(forged, methodShapes([[vecText]] as never, { '': 10 }), 64, 1000)).toMatch(
      /4294967295 elements/,
    );
  });

  it('refuses malformed messages: bad magic, truncation, out-of-range indexes, oversized tables', () => {
    expect(check(hex('4449444d0000'))).toBe('not Candid');
    expect(check(encode([Args], [args([msg(1)])]).slice(0, -3))).toMatch(/malformed: truncated/);
    expect(check(hex('4449444c016d050101'))).toMatch(/out of range/);
    const deep = Array.from({ length: 80 }).reduce<IDL.Type>((t) => IDL.Opt(t), IDL.Nat8);
    expect(check(encode([deep], [[]]))).toMatch(/type table has \d+ entries/);
  });
});

describe('methodShapes', () => {
  it('needs a limit for every vector but a blob, and every limit must name a vector', () => {
    expect(() => methodShapes([[Args]] as never, { messages: 1, 'messages.calls': 1 })).toThrow(
      'no element limit for the vector at "messages.calls.args"',
    );
    expect(() => methodShapes([[Args]] as never, { ...LIMITS, tools: 1 })).toThrow(
      'element limits for no vector: tools',
    );
  });

  it("computes Candid's field ids", () => {
    const ids = (IDL.Record({ model: IDL.Text, _7_: IDL.Nat8, é: IDL.Bool }) as IDL.RecordClass)._fields;
    const wire = encode(
      [IDL.Record({ model: IDL.Text, _7_: IDL.Nat8, é: IDL.Bool })],
      [{ model: '', _7_: 0, é: true }],
    );
    expect(ids.map(([name]) => name).sort()).toEqual(['_7_', 'model', 'é']);
    expect(labelId('_7_')).toBe(7);
    // The header's field ids are the decoder's own: the message fits a type built from the same labels.
    expect(
      candidRefusal(
        wire,
        methodShapes([[IDL.Record({ model: IDL.Text, _7_: IDL.Nat8, é: IDL.Bool })]] as never, {}),
        64,
        0,
      ),
    ).toBeUndefined();
  });
});
