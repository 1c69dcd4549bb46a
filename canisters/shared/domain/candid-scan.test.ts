import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { candidHazard } from './candid-scan.ts';

const encode = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

describe('candidHazard', () => {
  it('passes ordinary messages, nested ones included', () => {
    const Msg = IDL.Record({ role: IDL.Variant({ User: IDL.Null }), content: IDL.Text });
    expect(candidHazard(encode([IDL.Nat64], [1n]), 64)).toBeUndefined();
    expect(candidHazard(encode([], []), 64)).toBeUndefined();
    expect(candidHazard(encode([IDL.Vec(Msg)], [[{ role: { User: null }, content: 'hi' }]]), 64)).toBeUndefined();
    const nested = Array.from({ length: 60 }).reduce<IDL.Type>((t) => IDL.Opt(t), IDL.Nat8);
    expect(candidHazard(encode([nested], [[]]), 64)).toBeUndefined();
    expect(candidHazard(encode([IDL.Vec(IDL.Null)], [[]]).slice(0, 4), 64)).toMatch(/malformed/);
  });

  it('refuses a vector of a zero-sized type, whatever its declared length', () => {
    // DIDL, 1 type: vec null; 1 arg of type 0; length 10^9 in LEB128.
    expect(candidHazard(hex('4449444c016d7f0100808094eb03'), 64)).toMatch(/zero-sized/);
    expect(candidHazard(encode([IDL.Vec(IDL.Reserved)], [[]]), 64)).toMatch(/zero-sized/);
    expect(candidHazard(encode([IDL.Vec(IDL.Record({}))], [[]]), 64)).toMatch(/zero-sized/);
    const Unit = IDL.Record({ a: IDL.Null, b: IDL.Record({ c: IDL.Reserved }) });
    expect(candidHazard(encode([IDL.Record({ x: IDL.Vec(Unit) })], [{ x: [] }]), 64)).toMatch(/zero-sized/);
  });

  it('refuses recursive types, so a value nests no deeper than the type table is long', () => {
    const Tree = IDL.Rec();
    Tree.fill(IDL.Record({ children: IDL.Vec(Tree), label: IDL.Opt(IDL.Text) }));
    expect(candidHazard(encode([Tree], [{ children: [], label: [] }]), 64)).toBe('a recursive type');
    // type 0 = opt 0, one argument of type 0: 100 000 levels of Some in 100 KB.
    const deep = new Uint8Array([...hex('4449444c016e000100'), ...new Uint8Array(100_000).fill(1), 0]);
    expect(candidHazard(deep, 64)).toBe('a recursive type');
    const Choice = IDL.Rec();
    Choice.fill(IDL.Variant({ leaf: IDL.Null, more: IDL.Record({ next: Choice }) }));
    expect(candidHazard(encode([Choice], [{ leaf: null }]), 64)).toBe('a recursive type');
  });

  it('refuses oversized type tables, bad magic and out-of-range type indexes', () => {
    const wide = IDL.Record(Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, IDL.Opt(IDL.Nat8)])));
    expect(
      candidHazard(encode([wide], [Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, []]))]), 64),
    ).toBeUndefined();
    const deep = Array.from({ length: 80 }).reduce<IDL.Type>((t) => IDL.Opt(t), IDL.Nat8);
    expect(candidHazard(encode([deep], [[]]), 64)).toMatch(/type table has \d+ entries/);
    expect(candidHazard(hex('4449444d0000'), 64)).toBe('not Candid');
    expect(candidHazard(hex('4449444c016d050101'), 64)).toMatch(/out of range/);
  });
});
