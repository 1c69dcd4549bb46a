import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { serviceArgs } from '../../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../../shared/domain/inspect.ts';
import { ROLES } from '../../shared/testing/roles.ts';
import { registryTypes } from '../interface.ts';
import { world } from '../testing/world.ts';
import { registryIngressRules } from './ingress.ts';
import { readMeta } from './stores.ts';

const T = registryTypes(IDL);
const SIGNATURES = serviceArgs(T.service);
const fields = T.service._fields as Array<[string, IDL.FuncClass]>;
const argOf = (method: string, values: unknown[]) =>
  new Uint8Array(IDL.encode(fields.find(([name]) => name === method)![1].argTypes, values));
const p = (text: string) => Principal.fromText(text);

describe('registry inspect_message rules', () => {
  it('has a rule for every method of the interface (queries too: they can be sent as updates)', () => {
    expect(Object.keys(registryIngressRules(world())).sort()).toEqual(fields.map(([name]) => name).sort());
  });

  it('refuses callers with no role for the method, anonymous where the method refuses it', () => {
    const rules = registryIngressRules(world());
    const refused = (method: string, caller: string, arg: Uint8Array) =>
      ingressRefusal(rules, SIGNATURES, method, caller, arg);
    const decision = argOf('suspend_contributor', [{ contributor: p(ROLES.contributor), reason: 'x' }]);
    expect(refused('suspend_contributor', ROLES.stranger, decision)).toMatch(/only SNS governance/);
    expect(refused('suspend_contributor', ROLES.governance, decision)).toBeUndefined();
    expect(refused('validate_suspend_contributor', ROLES.anonymous, decision)).toMatch(/anonymous/);
    expect(refused('validate_suspend_contributor', ROLES.stranger, decision)).toBeUndefined();
    const key = argOf('offer_worker_key', [p(ROLES.stranger)]);
    for (const who of [ROLES.anonymous, ROLES.stranger, ROLES.nodeProvider, ROLES.worker])
      expect(refused('offer_worker_key', who, key)).toMatch(/only Active contributors/);
    expect(refused('offer_worker_key', ROLES.contributor, key)).toBeUndefined();
    expect(refused('accept_worker_key', ROLES.anonymous, key)).toMatch(/anonymous/);
    expect(refused('accept_worker_key', ROLES.stranger, key)).toBeUndefined();
    expect(refused('check_admission', ROLES.nodeProvider, key)).toMatch(/only the invitation canister/);
    expect(refused('role_of', ROLES.anonymous, key)).toBeUndefined();
    expect(refused('canister_heartbeat', ROLES.governance, key)).toMatch(/no ingress/);
  });

  it('lets a suspended contributor unbind, not offer', () => {
    const stores = world();
    const carol = stores.contributors.get(ROLES.contributor)!;
    stores.contributors.set(ROLES.contributor, { ...carol, status: 'Suspended' });
    const rules = registryIngressRules(stores);
    const key = argOf('unbind_worker_key', [p(ROLES.worker)]);
    expect(ingressRefusal(rules, SIGNATURES, 'unbind_worker_key', ROLES.contributor, key)).toBeUndefined();
    expect(ingressRefusal(rules, SIGNATURES, 'offer_worker_key', ROLES.contributor, key)).toMatch(/only Active/);
  });

  it('refuses an argument larger than the current params allow, before looking at it', () => {
    const stores = world();
    const { params } = readMeta(stores);
    const rules = registryIngressRules(stores);
    const reason = (bytes: number) =>
      argOf('remove_contributor', [{ contributor: p(ROLES.contributor), reason: 'r'.repeat(bytes) }]);
    expect(
      ingressRefusal(rules, SIGNATURES, 'remove_contributor', ROLES.governance, reason(params.max_reason_bytes)),
    ).toBeUndefined();
    expect(
      ingressRefusal(
        rules,
        SIGNATURES,
        'remove_contributor',
        ROLES.governance,
        reason(params.max_reason_bytes + 1_100),
      ),
    ).toMatch(/argument of \d+ bytes; the limit is/);
    const biggest = argOf('admit_contributor', [
      {
        contributor: p(ROLES.stranger),
        display_name: 'd'.repeat(params.max_display_name_bytes),
        sponsor: p(ROLES.nodeProvider),
        proposal_id: 2n ** 64n - 1n,
        hardware: {
          gpu: 'g'.repeat(params.max_hardware_text_bytes),
          vram_gib: 2 ** 32 - 1,
          ram_gib: 2 ** 32 - 1,
          cpu_cores: 2 ** 32 - 1,
          region: 'r'.repeat(params.max_hardware_text_bytes),
        },
        models: Array.from({ length: params.max_models }, (_, i) => `${i}`.padEnd(params.max_model_name_bytes, 'm')),
      },
    ]);
    expect(ingressRefusal(rules, SIGNATURES, 'admit_contributor', ROLES.invitationCanister, biggest)).toBeUndefined();
    expect(ingressRefusal(rules, SIGNATURES, 'cancel_everything', ROLES.stranger, new Uint8Array(2_000_000))).toMatch(
      /no ingress/,
    );
    expect(ingressRefusal(rules, SIGNATURES, 'role_of', ROLES.stranger, new Uint8Array(2_000_000))).toMatch(
      /limit is 1024/,
    );
  });

  it('refuses a small argument that hides a vector of nulls (10^9 elements in 14 bytes)', () => {
    const bomb = Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x01, 0x6d, 0x7f, 0x01, 0x00, 0x80, 0x80, 0x94, 0xeb, 0x03]);
    expect(
      ingressRefusal(registryIngressRules(world()), SIGNATURES, 'accept_worker_key', ROLES.stranger, bomb),
    ).toMatch(/argument types are not the method's/);
  });
});
