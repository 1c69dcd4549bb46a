import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { MemoryStore } from '../../shared/domain/memory-store.ts';
import { llmIngressRules, setParams, startChat, validateSetParams } from './flows.ts';
import { checkParams, DEFAULT_PARAMS, type LlmParams } from './params.ts';
import { configCell, countersCell, initLlm, type LlmStores } from './state.ts';

function world(): LlmStores {
  const stores = { config: new MemoryStore<never>(), counters: new MemoryStore<never>() } as unknown as LlmStores;
  initLlm(stores, { governance: ROLES.governance, queue: ROLES.queueCanister });
  return stores;
}

describe('llm params and governance', () => {
  it('maps the three library model names to the tiny model by default', () => {
    expect(DEFAULT_PARAMS.models).toEqual([
      { name: 'llama3.1:8b', worker_model: 'tiny-chat' },
      { name: 'qwen3:32b', worker_model: 'tiny-chat' },
      { name: 'llama4-scout', worker_model: 'tiny-chat' },
    ]);
  });

  it.each<[string, Partial<LlmParams>]>([
    ['no models', { models: [] }],
    ['a repeated name', { models: [DEFAULT_PARAMS.models[0]!, DEFAULT_PARAMS.models[0]!] }],
    ['an empty worker model', { models: [{ name: 'a', worker_model: ' ' }] }],
    ['a line break in a name', { models: [{ name: 'a\n# forged heading', worker_model: 'tiny-chat' }] }],
    ['a timeout of 0', { timeout_seconds: 0 }],
    ['a request limit over the IC ingress limit', { max_request_bytes: 3 * 1024 * 1024 }],
  ])('refuses %s', (_name, change) => {
    expect(checkParams({ ...DEFAULT_PARAMS, ...change })).toEqual({ Err: { InvalidInput: expect.any(String) } });
  });

  it('sets params only for governance, only from the params expected, whatever their field order', () => {
    const stores = world();
    const next = { ...DEFAULT_PARAMS, timeout_seconds: 60 };
    const reordered = {
      max_request_bytes: DEFAULT_PARAMS.max_request_bytes,
      timeout_seconds: DEFAULT_PARAMS.timeout_seconds,
      max_tokens: DEFAULT_PARAMS.max_tokens,
      models: DEFAULT_PARAMS.models.map((m) => ({ worker_model: m.worker_model, name: m.name })),
    };
    expect(validateSetParams(stores, { expected: reordered, params: next })).toEqual({
      Ok: expect.stringContaining('timeout_seconds = 60'),
    });
    expect(setParams(stores, ROLES.stranger, { expected: reordered, params: next })).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(setParams(stores, ROLES.governance, { expected: reordered, params: next })).toEqual({ Ok: null });
    expect(configCell(stores).get().params.timeout_seconds).toBe(60);
    expect(setParams(stores, ROLES.governance, { expected: reordered, params: next })).toEqual({
      Err: { Conflict: expect.stringContaining('changed since') },
    });
    expect(setParams(stores, ROLES.governance, { expected: next, params: next })).toEqual({
      Err: { Conflict: expect.stringContaining('equal the current') },
    });
  });

  it('renders model names, which the proposer chose, as literal markdown', () => {
    const params = { ...DEFAULT_PARAMS, models: [{ name: '*new*', worker_model: '[x](http://evil)' }] };
    expect(validateSetParams(world(), { expected: DEFAULT_PARAMS, params })).toEqual({
      Ok: expect.stringContaining('model \\*new\\* -> \\[x\\](http://evil)'),
    });
  });

  it('refuses anonymous chats and counts them; inspect_message bounds the request by max_request_bytes', () => {
    const stores = world();
    expect(startChat(stores, ROLES.anonymous, 'v0')).toEqual({
      Err: { Unauthorized: 'anonymous callers cannot chat' },
    });
    expect(countersCell(stores).get()).toMatchObject({ chats_v0: 0n, held: 0n, outcomes: { refused: 1n } });
    expect(startChat(stores, ROLES.stranger, 'v1')).toEqual({ Ok: DEFAULT_PARAMS });
    expect(countersCell(stores).get()).toMatchObject({ chats_v1: 1n, held: 1n });
    expect(llmIngressRules(stores).v1_chat!.maxArgBytes).toBe(DEFAULT_PARAMS.max_request_bytes);
    expect(llmIngressRules(stores).set_params!.caller(ROLES.stranger)).toEqual({
      Err: { Unauthorized: expect.any(String) },
    });
  });
});
