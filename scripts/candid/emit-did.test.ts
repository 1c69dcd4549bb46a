import { IDL } from '@dfinity/candid';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { azleCanisters, projectRoot } from '../dfx-project.ts';
import { canonicalService, canonicalType } from './canonical.ts';
import { canisterDid } from './canister-did.ts';
import { emitDid, orderRecordingIdl } from './emit-did.ts';
import { parseDid } from './parse-did.ts';

describe('emitDid', () => {
  it('names what the factory names, keeps its field order, and reads back as the same type', () => {
    const { IDL: recording, order } = orderRecordingIdl(IDL);
    const Tree = recording.Rec();
    const Leaf = recording.Record({ zeta: recording.Text, alpha: recording.Vec(recording.Nat8) });
    Tree.fill(recording.Variant({ leaf: Leaf, node: recording.Vec(Tree), none: recording.Null }));
    const service = recording.Service({
      walk: recording.Func([Tree], [recording.Tuple(recording.Text, recording.Nat64)], ['query']),
      'odd name': recording.Func([recording.Record({ type: recording.Opt(Leaf) })], [], []),
    });
    const text = emitDid(IDL, { names: { Leaf, Tree }, service, init: [Leaf] }, { order });

    expect(text).toContain('type Leaf = record {\n  zeta : text;\n  alpha : blob;\n};');
    expect(text).toContain('type Tree = variant {\n  leaf : Leaf;\n  node : vec Tree;\n  none;\n};');
    expect(text).toContain('walk : (Tree) -> (record { text; nat64 }) query;');
    expect(text).toContain('"odd name" : (record { "type" : opt Leaf }) -> ();');
    expect(text).toContain('service : (Leaf) -> {');
    const parsed = parseDid(text);
    expect(canonicalService(IDL, parsed.service, parsed.init)).toBe(canonicalService(IDL, service, [Leaf]));
  });

  it('tells different types apart, recursive ones included', () => {
    const a = IDL.Rec();
    a.fill(IDL.Opt(IDL.Record({ next: a, value: IDL.Nat })));
    const b = IDL.Rec();
    b.fill(IDL.Opt(IDL.Record({ next: IDL.Opt(IDL.Record({ next: b, value: IDL.Nat })), value: IDL.Int })));
    expect(canonicalType(IDL, a)).not.toBe(canonicalType(IDL, b));
    expect(canonicalType(IDL, IDL.Record({ x: IDL.Nat32 }))).not.toBe(canonicalType(IDL, IDL.Record({ x: IDL.Nat64 })));
  });
});

describe.each(azleCanisters().map((c) => [c.name, c] as const))('%s.did', (_name, canister) => {
  it('is what its interface.ts prints, named, and the same type as the interface', async () => {
    const committed = readFileSync(join(projectRoot, canister.candid), 'utf8');
    expect(committed).toBe(await canisterDid(projectRoot, canister.main));
    expect(committed).toMatch(/^type \w+ = (record|variant) \{\n {2}\w+/m);

    const parsed = parseDid(committed);
    const { didSource } = (await import(join(projectRoot, canister.main, '../interface.ts'))) as {
      didSource: (idl: typeof IDL) => { service: IDL.ServiceClass; init: IDL.Type[] };
    };
    const source = didSource(IDL);
    expect(canonicalService(IDL, parsed.service, parsed.init)).toBe(canonicalService(IDL, source.service, source.init));
  });
});
