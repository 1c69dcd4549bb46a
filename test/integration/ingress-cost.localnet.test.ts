/**
 * What a message costs each canister (registry, invitation, queue, llm), whatever its bytes, measured in
 * instructions on the real wasm (localnet meters as the replica does). With every size limit at its governable
 * maximum:
 * - hostile ingress (1.9 MB of text, 10^9 nulls in 14 bytes, 100 000 levels of a recursive opt, an argument
 *   one byte over the limit, the largest argument padded with an extra `vec variant` the method's type does not
 *   have, a vector one element past its limit) from a stranger and from the method's own caller is dropped by
 *   canister_inspect_message, which reads the Candid header and walks the values without decoding them;
 * - the worst accepted input per method is the costliest argument inspect_message lets through
 *   (test/support/worst-args.ts: every vector at its limit, the rest of the bytes in text); its decode plus
 *   the method's refusal is what the method's callers can make it spend.
 * The per-method table is printed; the test asserts the bounds stated in the report.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invitationIngressRules } from '../../canisters/invitation/domain/ingress.ts';
import { llmIngressRules } from '../../canisters/llm/domain/flows.ts';
import { PARAM_RANGES as LLM_RANGES, DEFAULT_PARAMS as LLM_DEFAULTS } from '../../canisters/llm/domain/params.ts';
import { configCell as llmConfig, initLlm, type LlmStores } from '../../canisters/llm/domain/state.ts';
import { idlFactory as llmIdlFactory, llmTypes, type LlmParams } from '../../canisters/llm/interface.ts';
import { queueIngressRules } from '../../canisters/queue/domain/ingress.ts';
import { DEFAULT_PARAMS as QUEUE_DEFAULTS, PARAM_RANGES as QUEUE_RANGES } from '../../canisters/queue/domain/params.ts';
import { world as queueWorld } from '../../canisters/queue/domain/testing.ts';
import { queueTypes } from '../../canisters/queue/interface.ts';
import { MemoryStore } from '../../canisters/shared/domain/memory-store.ts';
import { ROLES } from '../../canisters/shared/testing/roles.ts';
import { PARAM_RANGES as INVITATION_RANGES } from '../../canisters/invitation/domain/params.ts';
import { invitationTypes } from '../../canisters/invitation/interface.ts';
import { memoryStores as invitationStores } from '../../canisters/invitation/domain/testing.ts';
import { initialize } from '../../canisters/invitation/domain/init.ts';
import { registryIngressRules } from '../../canisters/registry/domain/ingress.ts';
import { initRegistry } from '../../canisters/registry/domain/init.ts';
import { PARAM_RANGES as REGISTRY_RANGES, type RegistryParams } from '../../canisters/registry/domain/params.ts';
import { registryTypes } from '../../canisters/registry/interface.ts';
import { emptyStores as registryStores } from '../../canisters/registry/testing/world.ts';
import { MAX_ARG_ELEMENTS, type IngressRule } from '../../canisters/shared/domain/inspect.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import type { Execution } from '../../localnet/src/network.ts';
import { nominateArgs, okOf } from '../support/args.ts';
import { deployGatehouse, type Gatehouse, type RoleName } from '../support/deploy.ts';
import { seedMembers } from '../support/members.ts';
import { smallestArgs, worstArgs } from '../support/worst-args.ts';

const REGISTRY_MAX = Object.fromEntries(
  Object.entries(REGISTRY_RANGES).map(([name, [, max]]) => [name, max]),
) as unknown as RegistryParams;
const maxima = <K extends string>(ranges: Record<K, [number, number]>) =>
  Object.fromEntries(Object.entries(ranges).map(([name, range]) => [name, (range as [number, number])[1]]));
/** One job per lease (a lease reply must fit 2 MiB) and the default job count (all jobs must fit the heap). */
const QUEUE_MAX = {
  ...QUEUE_DEFAULTS,
  ...maxima(QUEUE_RANGES),
  max_jobs_per_lease: 1,
  max_queued_jobs: QUEUE_DEFAULTS.max_queued_jobs,
  // Tool calls that keep a full submit within inspect_message's element budget with the other maxima.
  max_tool_calls: Math.floor((MAX_ARG_ELEMENTS - QUEUE_RANGES.max_tools_per_job[1]) / QUEUE_RANGES.max_messages[1]) - 1,
};
/** A chat argument at the ingress limit (2 MiB less room for the envelope) rather than max_request_bytes's 2 MiB. */
const LLM_MAX = { ...LLM_DEFAULTS, ...maxima(LLM_RANGES), max_request_bytes: 2_000_000 };
const INVITATION_MAX = {
  ...Object.fromEntries(Object.entries(INVITATION_RANGES).map(([name, [, max]]) => [name, max])),
  max_open_per_provider: 100,
} as never;

/** The largest argument bytes per method, from the canister's own rules at the same params. */
function limits(): Record<Canister, Record<string, IngressRule>> {
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
  const l = { config: new MemoryStore<never>(), counters: new MemoryStore<never>() } as unknown as LlmStores;
  initLlm(l, { governance: ids[0]!, queue: ids[2]! });
  llmConfig(l).set({ ...llmConfig(l).get(), params: LLM_MAX });
  return {
    registry: registryIngressRules(r),
    invitation: invitationIngressRules(i),
    queue: queueIngressRules(queueWorld(QUEUE_MAX)),
    llm: llmIngressRules(l),
  };
}

type Canister = 'registry' | 'invitation' | 'queue' | 'llm';
const SERVICES = {
  registry: registryTypes(IDL).service,
  invitation: invitationTypes(IDL).service,
  queue: queueTypes(IDL).service,
  llm: llmTypes(IDL).service,
};

/** Who passes each method's inspect rule (by role name, or a canister of the deployment); undefined: nobody. */
function callerFor(canister: Canister, method: string): RoleName | 'registryCanister' | undefined {
  const worker = 'worker' as const;
  const table: Record<Canister, Record<string, RoleName | 'registryCanister' | undefined>> = {
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
    queue: {
      submit_for: undefined,
      lease: worker,
      extend: worker,
      complete: worker,
      complete_and_lease: worker,
      fail: worker,
      heartbeat: worker,
      apply_membership: 'registryCanister',
    },
    llm: {},
  };
  if (Object.hasOwn(table[canister], method)) return table[canister][method];
  if (/^(add|remove|suspend|reinstate|set)_/.test(method) && !method.startsWith('validate_')) return 'governance';
  return 'stranger';
}

type Values = unknown[];
/** Fields a method's rule or a clean measurement needs (the rest is what worst-args.ts fills). */
const fixes: Record<string, (values: Values) => Values> = {
  // The pushing registry's own node provider, so the set the method may apply keeps the nominations working.
  'invitation.apply_node_providers': ([set]) => [
    {
      ...(set as object),
      version: 1n,
      node_providers: ((set as { node_providers: unknown[] }).node_providers ?? []).map(() =>
        Principal.fromText(ROLES.nodeProvider),
      ),
    },
  ],
  // A model no route serves: the chat is refused once decoded, never held for a job.
  'llm.v0_chat': ([request]) => [{ ...(request as object), model: 'no-such-model' }],
  'llm.v1_chat': ([request]) => [{ ...(request as object), model: 'no-such-model' }],
};
/**
 * Stated bounds (report): inspect_message whatever the bytes (it walks at most MAX_ARG_ELEMENTS elements);
 * a method's worst accepted argument: its own work, ~3·10^5 per vector element, ~10^3 per byte (text).
 */
const INSPECT_BOUND = 100_000_000n;
const METHOD_BASE = 100_000_000n;
const PER_BYTE = 1_100n;
/** What a method may spend per vector element it decodes and handles (a principal pushed, a model listed). */
const ELEMENTS = 300_000n * BigInt(MAX_ARG_ELEMENTS);

interface LlmService {
  get_params(): Promise<LlmParams>;
  set_params(args: { expected: LlmParams; params: LlmParams }): Promise<{ Ok: null } | { Err: unknown }>;
}

const smallest = (types: IDL.Type[]) => IDL.decode(types, smallestArgs(types, {})) as unknown[];
const PAD = IDL.Vec(IDL.Variant({ a: IDL.Null, b: IDL.Null }));
/** The method's arguments plus a trailing `vec variant` that brings the message to `size` bytes (or its least). */
function padded(func: IDL.FuncClass, values: unknown[], size: number): Uint8Array {
  const encode = (n: number) =>
    new Uint8Array(IDL.encode([...func.argTypes, PAD], [...values, Array.from({ length: n }, () => ({ a: null }))]));
  let n = Math.max(0, size - encode(0).length - 5);
  while (encode(n).length < size) n += 1;
  while (n > 0 && encode(n).length > size) n -= 1;
  return encode(n);
}

/** The method's arguments with one vector (the first limited one) a single element past its limit. */
function overLimit(func: IDL.FuncClass, limits: Record<string, number>): Uint8Array | undefined {
  const [path, limit] = Object.entries(limits).sort(([a], [b]) => a.split('.').length - b.split('.').length)[0] ?? [];
  if (path === undefined || limit === undefined) return undefined;
  // Only this vector at (limit + 1) elements, the others empty: the message is small, its count is the problem.
  return smallestArgs(func.argTypes, { [path]: limit + 1 });
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

describe('ingress cost of every canister on localnet, every method, worst inputs', () => {
  let net: LocalNet;
  let g: Gatehouse;
  const executed: Execution[] = [];
  const rules = limits();
  const figures: string[] = [];

  beforeAll(async () => {
    net = await LocalNet.start({
      startTimeMs: Date.UTC(2026, 0, 1),
      messageTimeoutMs: 120_000,
      onExecuted: (e) => executed.push(e),
    });
    g = await deployGatehouse(net, {
      registryParams: REGISTRY_MAX,
      invitationParams: INVITATION_MAX,
      queueParams: QUEUE_MAX,
      llm: true,
    });
    await seedMembers(g);
    okOf(await g.invitation('nodeProvider').nominate(nominateArgs(Principal.fromUint8Array(new Uint8Array([9, 9])))));
    const llm = net.actor<LlmService>(g.ids.llm!, llmIdlFactory as never, { caller: g.principals.governance });
    okOf(await llm.set_params({ expected: await llm.get_params(), params: LLM_MAX }));
  }, 300_000);
  afterAll(async () => {
    console.log(
      'instructions per message (limits at their governable maxima; inspect: the most any hostile input cost it):\n' +
        figures.join('\n'),
    );
    await net?.close();
  });

  async function send(canister: Canister, caller: Principal, method: string, arg: Uint8Array) {
    executed.length = 0;
    const id = g.ids[canister]!;
    const result = await net.update(id, method, arg, { caller });
    const mine = executed.filter((e) => e.canister === id.toText() && e.method === method);
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

  it.each([...methods('registry'), ...methods('invitation'), ...methods('queue'), ...methods('llm')])(
    '%s.%s',
    async (canister, method, func) => {
      const role = callerFor(canister, method);
      const rule = rules[canister][method]!;
      const caller =
        role === undefined ? g.principals.stranger : role === 'registryCanister' ? g.ids.registry : g.principals[role];
      const fix = fixes[`${canister}.${method}`] ?? ((values: unknown[]) => values);
      const max = rule.maxArgBytes;
      const worst =
        role === undefined ? undefined : worstArgs(func.argTypes, rule.vectors ?? {}, max, MAX_ARG_ELEMENTS, fix);
      const refusedInputs: Record<string, Uint8Array | undefined> = {
        ...hostile,
        'one byte over the limit': padded(func, fix(smallest(func.argTypes)), max + 1),
        'largest, padded with an extra vec variant': padded(func, fix(smallest(func.argTypes)), max),
        'a vector one past its limit': overLimit(func, rule.vectors ?? {}),
      };
      let inspectMax = 0n;
      for (const [label, arg] of Object.entries(refusedInputs)) {
        if (arg === undefined || (label === 'largest, padded with an extra vec variant' && max === 0)) continue;
        for (const who of [g.principals.stranger, caller]) {
          const sent = await send(canister, who, method, arg);
          expect(sent.refused, `${label} as ${who.toText()}`).toBe(true);
          expect(sent.method).toBeUndefined();
          if (sent.inspect > inspectMax) inspectMax = sent.inspect;
        }
      }
      let accepted: bigint | undefined;
      if (worst !== undefined) {
        expect(worst.length).toBeLessThanOrEqual(max);
        const sent = await send(canister, caller, method, worst);
        expect(sent.refused).toBe(false);
        expect(sent.method).toBeDefined();
        accepted = sent.method!;
        if (sent.inspect > inspectMax) inspectMax = sent.inspect;
      }
      figures.push(
        `  ${`${canister}.${method}`.padEnd(44)} max arg ${String(max).padStart(7)} B  inspect ` +
          `${(Number(inspectMax) / 1e6).toFixed(2).padStart(7)} M  worst accepted ` +
          `${accepted === undefined ? '   (none)' : (Number(accepted) / 1e6).toFixed(2).padStart(9) + ' M'}`,
      );
      // The bounds stated in the report: inspect far below its 200 M limit whatever the bytes; an accepted
      // message costs its decode, linear in its size with a small constant, plus the method's own work.
      expect(inspectMax).toBeLessThan(INSPECT_BOUND);
      if (accepted !== undefined) expect(accepted).toBeLessThan(METHOD_BASE + ELEMENTS + PER_BYTE * BigInt(max));
    },
    300_000,
  );
});
