/**
 * What a message costs the registry and the invitation, whatever its bytes, measured in instructions on the
 * real wasm (localnet meters as the replica does). With every size limit at its governable maximum:
 * - hostile ingress (1.9 MB of text, 10^9 nulls in 14 bytes, 100 000 levels of a recursive opt, an argument
 *   one byte over the limit) from a stranger and from the method's own caller is dropped by
 *   canister_inspect_message, which costs a bounded amount and never decodes;
 * - the worst accepted input per method is the largest argument inspect_message lets through, padded with
 *   an extra `vec variant` argument (the most decoding per byte found once zero-sized vectors and recursion
 *   are refused: about 10^5 instructions per element in azle's decoder, against ~10^2 per byte of text):
 *   its decode is what the method's callers can make it spend, so the bound is linear in the size limit.
 * The figures are printed; the test asserts the bounds stated in the report.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invitationIngressRules } from '../../canisters/invitation/domain/ingress.ts';
import { PARAM_RANGES as INVITATION_RANGES } from '../../canisters/invitation/domain/params.ts';
import { invitationTypes } from '../../canisters/invitation/interface.ts';
import { memoryStores as invitationStores } from '../../canisters/invitation/domain/testing.ts';
import { initialize } from '../../canisters/invitation/domain/init.ts';
import { registryIngressRules } from '../../canisters/registry/domain/ingress.ts';
import { initRegistry } from '../../canisters/registry/domain/init.ts';
import { PARAM_RANGES as REGISTRY_RANGES, type RegistryParams } from '../../canisters/registry/domain/params.ts';
import { registryTypes } from '../../canisters/registry/interface.ts';
import { emptyStores as registryStores } from '../../canisters/registry/testing/world.ts';
import type { IngressRule } from '../../canisters/shared/domain/inspect.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import type { Execution } from '../../localnet/src/network.ts';
import { nominateArgs, okOf } from '../support/args.ts';
import { deployGatehouse, type Gatehouse, type RoleName } from '../support/deploy.ts';
import { seedMembers } from '../support/members.ts';

const REGISTRY_MAX = Object.fromEntries(
  Object.entries(REGISTRY_RANGES).map(([name, [, max]]) => [name, max]),
) as unknown as RegistryParams;
const INVITATION_MAX = {
  ...Object.fromEntries(Object.entries(INVITATION_RANGES).map(([name, [, max]]) => [name, max])),
  max_open_per_provider: 100,
} as never;

/** The largest argument bytes per method, from the canister's own rules at the same params. */
function limits(): Record<'registry' | 'invitation', Record<string, IngressRule>> {
  const r = registryStores();
  const anyId = Principal.fromUint8Array(new Uint8Array([1])).toText();
  const ids = ['aaaaa-aa', anyId, Principal.fromUint8Array(new Uint8Array([2])).toText()];
  okOf(
    initRegistry(r, ids[0]!, 0n, {
      governance: ids[0]!,
      invitation: ids[1]!,
      queue: ids[2]!,
      node_providers: [],
      params: REGISTRY_MAX,
    }),
  );
  const i = invitationStores();
  okOf(initialize(i, { governance: ids[0]!, registry: ids[1]!, admit_function_id: 1001n }, INVITATION_MAX));
  return { registry: registryIngressRules(r), invitation: invitationIngressRules(i) };
}

type Canister = 'registry' | 'invitation';
const SERVICES = { registry: registryTypes(IDL).service, invitation: invitationTypes(IDL).service };

/** Who passes each method's inspect rule (by role name, or a canister of the deployment). */
function callerFor(canister: Canister, method: string): RoleName | 'registryCanister' {
  const table: Record<Canister, Record<string, RoleName | 'registryCanister'>> = {
    registry: {
      admit_contributor: 'invitation',
      check_admission: 'invitation',
      offer_worker_key: 'contributor',
      unbind_worker_key: 'contributor',
    },
    invitation: {
      nominate: 'nodeProvider',
      withdraw: 'nodeProvider',
      link_proposal: 'nodeProvider',
      reconcile: 'nodeProvider',
      admit: 'governance',
      set_params: 'governance',
      apply_node_providers: 'registryCanister',
    },
  };
  const named = table[canister][method];
  if (named) return named;
  if (/^(add|remove|suspend|reinstate|set)_/.test(method) && !method.startsWith('validate_')) return 'governance';
  return 'stranger';
}

/** A decodable value of any type: the smallest one, except principals (a fixed one) and `overrides`. */
function smallest(type: IDL.Type): unknown {
  if (type instanceof IDL.RecordClass) return Object.fromEntries(type._fields.map(([name, t]) => [name, smallest(t)]));
  if (type instanceof IDL.VariantClass) return { [type._fields[0]![0]]: smallest(type._fields[0]![1]) };
  if (type instanceof IDL.VecClass || type instanceof IDL.OptClass) return [];
  if (type instanceof IDL.PrincipalClass) return Principal.fromText('aaaaa-aa');
  if (type instanceof IDL.TextClass) return '';
  if (type instanceof IDL.BoolClass) return false;
  if (type instanceof IDL.FixedNatClass && type._bits <= 32) return 0;
  return 0n;
}

const PAD = IDL.Vec(IDL.Variant({ a: IDL.Null, b: IDL.Null }));
/** The method's arguments plus a trailing `vec variant` that brings the message to exactly `size` bytes. */
function padded(func: IDL.FuncClass, values: unknown[], size: number): Uint8Array {
  const encode = (n: number) =>
    new Uint8Array(IDL.encode([...func.argTypes, PAD], [...values, Array.from({ length: n }, () => ({ a: null }))]));
  let n = Math.max(0, size - encode(0).length - 5);
  while (encode(n).length < size) n += 1;
  while (encode(n).length > size) n -= 1;
  return encode(n);
}

const hostile = {
  '1.9 MB text': new Uint8Array(IDL.encode([IDL.Text], ['x'.repeat(1_900_000)])),
  'vec null of 10^9 (14 B)': Uint8Array.from([
    0x44, 0x49, 0x44, 0x4c, 0x01, 0x6d, 0x7f, 0x01, 0x00, 0x80, 0x80, 0x94, 0xeb, 0x03,
  ]),
  'opt nested 100 000 deep': Uint8Array.from([
    0x44,
    0x49,
    0x44,
    0x4c,
    0x01,
    0x6e,
    0x00,
    0x01,
    0x00,
    ...new Uint8Array(100_000).fill(1),
    0,
  ]),
};

describe('ingress cost of registry and invitation on localnet, every method, worst inputs', () => {
  let net: LocalNet;
  let g: Gatehouse;
  const executed: Execution[] = [];
  const rules = limits();
  const figures: string[] = [];

  beforeAll(async () => {
    net = await LocalNet.start({
      startTimeMs: Date.UTC(2026, 0, 1),
      messageTimeoutMs: 60_000,
      onExecuted: (e) => executed.push(e),
    });
    g = await deployGatehouse(net, { registryParams: REGISTRY_MAX, invitationParams: INVITATION_MAX });
    await seedMembers(g);
    okOf(await g.invitation('nodeProvider').nominate(nominateArgs(Principal.fromUint8Array(new Uint8Array([9, 9])))));
  }, 300_000);
  afterAll(async () => {
    console.log(`instructions per message (limits at their governable maxima):\n${figures.join('\n')}`);
    await net?.close();
  });

  async function send(canister: Canister, caller: Principal, method: string, arg: Uint8Array) {
    executed.length = 0;
    const result = await net.update(g.ids[canister], method, arg, { caller });
    const mine = executed.filter((e) => e.canister === g.ids[canister].toText() && e.method === method);
    return {
      refused: 'reject' in result && result.reject.errorCode === 'IC0406',
      inspect: mine.filter((e) => e.kind === 'F').reduce((max, e) => (e.instructions > max ? e.instructions : max), 0n),
      method: mine.find((e) => e.kind !== 'F')?.instructions,
    };
  }

  const methods = (canister: Canister) =>
    (SERVICES[canister]._fields as Array<[string, IDL.FuncClass]>).map(
      ([name, func]) => [canister, name, func] as const,
    );

  it.each([...methods('registry'), ...methods('invitation')])('%s.%s', async (canister, method, func) => {
    const role = callerFor(canister, method);
    const caller = role === 'registryCanister' ? g.ids.registry : g.principals[role];
    const max = rules[canister][method]!.maxArgBytes;
    let inspectMax = 0n;
    for (const [label, arg] of Object.entries(hostile)) {
      for (const who of [g.principals.stranger, caller]) {
        const sent = await send(canister, who, method, arg);
        expect(sent.refused, `${label} as ${who.toText()}`).toBe(true);
        expect(sent.method).toBeUndefined();
        if (sent.inspect > inspectMax) inspectMax = sent.inspect;
      }
    }
    const values = func.argTypes.map(smallest);
    if (method === 'apply_node_providers') values[0] = { version: 1n, node_providers: [g.principals.nodeProvider] };
    const over = await send(canister, caller, method, padded(func, values, max + 1));
    expect(over.refused).toBe(true);
    const worst = await send(canister, caller, method, padded(func, values, max));
    expect(worst.refused).toBe(false);
    expect(worst.method).toBeDefined();
    figures.push(
      `  ${`${canister}.${method}`.padEnd(44)} max arg ${String(max).padStart(7)} B  inspect (hostile) ` +
        `${String(inspectMax).padStart(10)}  worst accepted ${String(worst.method).padStart(12)}`,
    );
    // The bounds stated in the report: inspect far below its 200 M limit whatever the bytes; an accepted
    // message costs its decode, about 10^5 instructions per argument byte at worst, plus a constant.
    expect(inspectMax).toBeLessThan(20_000_000n);
    expect(worst.method!).toBeLessThan(200_000_000n + 110_000n * BigInt(max));
  });
});
