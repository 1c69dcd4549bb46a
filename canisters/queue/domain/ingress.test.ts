import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { serviceArgs } from '../../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../../shared/domain/inspect.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { queueTypes } from '../interface.ts';
import { queueIngressRules } from './ingress.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { setActive, world } from './testing.ts';

const T = queueTypes(IDL);
const SIGNATURES = serviceArgs(T.service);
const methods = (T.service._fields as Array<[string, IDL.FuncClass]>).map(([name]) => name);
const argOf = (method: string, values: unknown[]) => {
  const func = (T.service._fields as Array<[string, IDL.FuncClass]>).find(([name]) => name === method)![1];
  return new Uint8Array(IDL.encode(func.argTypes, values));
};
const done = (output: string) => ({ job_id: 1n, token: 1n, output, tokens_in: 1, tokens_out: 1, tool_calls: [] as [] });
const submitArgs = (content: string) => ({
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content, tool_calls: [] as [], tool_call_id: [] as [] }],
  max_tokens: 16,
  tools: [] as [],
  temperature: [] as [],
  seed: [],
});

describe('queue inspect_message rules', () => {
  it('has a rule for every method of the interface (queries too: they can be sent as updates)', () => {
    expect(Object.keys(queueIngressRules(world())).sort()).toEqual([...methods].sort());
  });

  it('refuses anonymous submitters and callers with no role for worker, registry and governance methods', () => {
    const stores = world();
    const rules = queueIngressRules(stores);
    const refused = (method: string, caller: string, arg: Uint8Array) =>
      ingressRefusal(rules, SIGNATURES, method, caller, arg);
    const submit = argOf('submit', [submitArgs('hi')]);
    expect(refused('submit', ROLES.anonymous, submit)).toMatch(/anonymous/);
    expect(refused('submit', ROLES.stranger, submit)).toBeUndefined();
    const lease = argOf('lease', [{ models: ['tiny-chat'], max_jobs: 1 }]);
    for (const who of [ROLES.anonymous, ROLES.stranger, ROLES.contributor, ROLES.governance])
      expect(refused('lease', who, lease)).toMatch(/not a worker key/);
    expect(refused('lease', ROLES.worker, lease)).toBeUndefined();
    // A suspended key still gets in: the method tells it why it gets no work.
    const suspended = testPrincipal(70);
    setActive(stores, suspended, true);
    setActive(stores, suspended, false);
    expect(ingressRefusal(queueIngressRules(stores), SIGNATURES, 'lease', suspended, lease)).toBeUndefined();
    const params = argOf('set_params', [DEFAULT_PARAMS]);
    expect(refused('set_params', ROLES.stranger, params)).toMatch(/only SNS governance/);
    expect(refused('set_params', ROLES.governance, params)).toBeUndefined();
    expect(refused('validate_set_params', ROLES.anonymous, params)).toBeUndefined();
    expect(
      refused(
        'apply_membership',
        ROLES.governance,
        argOf('apply_membership', [{ epoch: 1n, snapshot: [], skip: [], updates: [] }]),
      ),
    ).toMatch(/registry/);
    expect(refused('_azle_heap_allocation', ROLES.stranger, argOf('metrics', []))).toMatch(/no ingress/);
  });

  it('refuses an argument larger than the method can ever accept before looking at it', () => {
    const rules = queueIngressRules(world({ max_output_bytes: 32_768 }));
    const fits = argOf('complete', [done('x'.repeat(32_768))]);
    expect(ingressRefusal(rules, SIGNATURES, 'complete', ROLES.worker, fits)).toBeUndefined();
    // The output, the framing of max_tool_calls (16) tool calls of 24 bytes each, 1024 bytes of the rest.
    const over = new Uint8Array(32_768 + 16 * 24 + 1025);
    expect(ingressRefusal(rules, SIGNATURES, 'complete', ROLES.worker, over)).toMatch(
      /argument of 34177 bytes; the limit is 34176/,
    );
    expect(ingressRefusal(rules, SIGNATURES, 'cancel', ROLES.stranger, new Uint8Array(2_000_000))).toMatch(
      /limit is 1024/,
    );
    const prompt = argOf('submit', [submitArgs('p'.repeat(DEFAULT_PARAMS.max_prompt_bytes))]);
    expect(ingressRefusal(rules, SIGNATURES, 'submit', ROLES.stranger, prompt)).toBeUndefined();
  });

  it('refuses a small argument that hides a vector of nulls (10^9 elements in 14 bytes)', () => {
    const bomb = Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x01, 0x6d, 0x7f, 0x01, 0x00, 0x80, 0x80, 0x94, 0xeb, 0x03]);
    expect(ingressRefusal(queueIngressRules(world()), SIGNATURES, 'cancel', ROLES.stranger, bomb)).toMatch(
      /argument types are not the method's/,
    );
  });
});
