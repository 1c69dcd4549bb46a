import { IDL } from '@dfinity/candid';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { ensureWasm, type BuildableCanister } from '../../test/support/wasm.ts';
import { customSections } from '../build/wasm-sections.ts';
import { azleCandidPath, azleCanisters } from '../dfx-project.ts';
import { canonicalService } from './canonical.ts';
import { parseDid } from './parse-did.ts';

/**
 * The named `.did` a built wasm serves as `candid:service` is the same Candid type as the one azle generated
 * from the canister's decorators for that wasm (what it really decodes and encodes): every method, argument,
 * result and the init arguments, compared with names inlined.
 */
describe.each(azleCanisters().map((c) => [c.name, c] as const))('%s wasm', (name, canister) => {
  it('serves candid:service equal to what azle built it from', () => {
    const wasm = ensureWasm(name as BuildableCanister);
    const served = new TextDecoder().decode(customSections(wasm).get('icp:public candid:service'));
    const named = parseDid(served);
    const azle = parseDid(readFileSync(azleCandidPath(canister), 'utf8'));
    expect(Object.keys(named.types).length).toBeGreaterThan(0);
    expect(canonicalService(IDL, named.service, named.init)).toBe(canonicalService(IDL, azle.service, azle.init));
  });
});
