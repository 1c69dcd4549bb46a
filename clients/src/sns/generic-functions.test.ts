import { IDL } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from '../utils/hex.ts';
import {
  ADMIT_CONTRIBUTOR,
  FUNCTIONS,
  functionById,
  functionByKey,
  SERVICES as services,
} from './generic-functions.ts';
import { snsGovernanceIdlFactory } from './governance.ts';
import { decodePayload, encodePayload, payloadText } from './payload.ts';
import { nervousSystemFunction } from './proposal.ts';

const method = (canister: keyof typeof services, name: string) =>
  services[canister]._fields.find(([n]) => n === name)?.[1];
const official = snsGovernanceIdlFactory({ IDL });
const officialMethod = (name: string) => official._fields.find(([n]) => n === name)![1];

/** A deterministic value of any payload type, for round trips. */
function sample(t: IDL.Type, seed = 1): unknown {
  if (t instanceof IDL.TextClass) return `text ${seed} é`;
  if (t instanceof IDL.PrincipalClass) return Principal.fromUint8Array(new Uint8Array(29).fill(seed));
  if (t instanceof IDL.FixedNatClass) return t._bits <= 32 ? seed * 7 : BigInt(seed) * 2n ** 40n;
  if (t instanceof IDL.BoolClass) return seed % 2 === 0;
  if (t instanceof IDL.VecClass) return [sample(t._type, seed + 1), sample(t._type, seed + 2)];
  if (t instanceof IDL.OptClass) return [sample(t._type, seed)];
  if (t instanceof IDL.RecordClass) return Object.fromEntries(t._fields.map(([k, ft], i) => [k, sample(ft, seed + i)]));
  throw new Error(`no sample for ${t.display()}`);
}

describe('generic function manifest', () => {
  it('has unique, stable ids >= 1000 and unique keys; admit contributor keeps id 1000', () => {
    const ids = FUNCTIONS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBeGreaterThanOrEqual(1000n);
    expect(new Set(FUNCTIONS.map((f) => f.key)).size).toBe(FUNCTIONS.length);
    expect(ids).toEqual([1000n, 1001n, 1002n, 1003n, 1004n, 1005n, 1006n, 1007n, 1008n, 1009n]);
    expect(ADMIT_CONTRIBUTOR).toMatchObject({ id: 1000n, target: { canister: 'invitation', method: 'admit' } });
    expect(functionByKey('suspend-contributor')?.id).toBe(1001n);
    expect(functionById(1008n)?.key).toBe('set-queue-params');
    expect(functionById(1009n)?.target).toEqual({ canister: 'llm', method: 'set_params' });
  });

  it('covers every governance-only method of the canisters (each validate_* twin with its target)', () => {
    const covered = new Set(
      FUNCTIONS.flatMap((f) => [
        `${f.target.canister}.${f.target.method}`,
        `${f.validator.canister}.${f.validator.method}`,
      ]),
    );
    for (const [canister, service] of Object.entries(services)) {
      for (const [name] of service._fields.filter(([n]) => n.startsWith('validate_'))) {
        expect(covered, `${canister}.${name}`).toContain(`${canister}.${name}`);
        expect(covered, `${canister}.${name.slice('validate_'.length)}`).toContain(
          `${canister}.${name.slice('validate_'.length)}`,
        );
      }
    }
  });

  it.each(FUNCTIONS.map((f) => [f.key, f] as const))(
    '%s: target and validator exist with the payload as their only argument',
    (_key, f) => {
      const target = method(f.target.canister, f.target.method);
      const validator = method(f.validator.canister, f.validator.method);
      expect(target, `${f.target.canister}.${f.target.method}`).toBeDefined();
      expect(validator, `${f.validator.canister}.${f.validator.method}`).toBeDefined();
      for (const func of [target!, validator!]) {
        expect(func.argTypes.map((t) => t.display())).toEqual([f.payload.display()]);
        expect(func.annotations).toEqual([]); // updates: governance calls them as updates
      }
      expect(validator!.retTypes.map((t) => t.display())).toEqual([
        IDL.Variant({ Ok: IDL.Text, Err: IDL.Text }).display(),
      ]);
    },
  );

  it.each(FUNCTIONS.map((f) => [f.key, f] as const))('%s: payload round trip (bytes, hex, Candid text)', (_key, f) => {
    const value = sample(f.payload);
    const bytes = encodePayload(f, value);
    expect(decodePayload(f, bytes)).toEqual(value);
    expect(decodePayload(f, fromHex(toHex(bytes)))).toEqual(value);
    // A Buffer view with a byteOffset decodes too (IDL.decode ignores byteOffset: the helper copies).
    const offset = Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(bytes)]).subarray(3);
    expect(decodePayload(f, offset)).toEqual(value);
    expect(payloadText(f, value)).toMatch(/^record \{/);
  });

  it('refuses bytes that are not the payload type', () => {
    const other = encodePayload({ payload: IDL.Text }, 'not a nomination');
    expect(() => decodePayload(ADMIT_CONTRIBUTOR, other)).toThrow();
  });

  it('topics are official SNS topics and each entry encodes as the official NervousSystemFunction', () => {
    const fnType = (officialMethod('list_nervous_system_functions').retTypes[0] as IDL.RecordClass)._fields.find(
      ([k]) => k === 'functions',
    )![1] as IDL.VecClass<unknown>;
    const ids = {
      registry: Principal.fromText('bd3sg-teaaa-aaaaa-qaaba-cai'),
      invitation: Principal.fromText('be2us-64aaa-aaaaa-qaabq-cai'),
      queue: Principal.fromText('br5f7-7uaaa-aaaaa-qaaca-cai'),
      llm: Principal.fromText('w36hm-eqaaa-aaaal-qr76a-cai'),
    };
    for (const f of FUNCTIONS) {
      const record = nervousSystemFunction(f, ids);
      const [decoded] = IDL.decode([fnType._type], IDL.encode([fnType._type], [record]));
      expect(decoded).toEqual(record);
    }
    const critical = FUNCTIONS.filter((f) => f.topic === 'CriticalDappOperations').map((f) => f.key);
    expect(critical).toEqual([
      'remove-contributor',
      'add-node-provider',
      'remove-node-provider',
      'set-registry-params',
      'set-invitation-params',
      'set-queue-params',
      'set-llm-params',
    ]);
  });
});
