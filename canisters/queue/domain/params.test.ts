import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { currentParams, initQueue, setParams, validateSetParams } from './config.ts';
import { DEFAULT_PARAMS, MAX_BYTES_PER_TOKEN, PARAM_RANGES, validateParams, type QueueParams } from './params.ts';
import { memoryStores, snapshot, world } from './testing.ts';

describe('queue params', () => {
  it('defaults are valid and are what init installs', () => {
    expect(validateParams(DEFAULT_PARAMS)).toEqual({ Ok: DEFAULT_PARAMS });
    expect(currentParams(world())).toEqual(DEFAULT_PARAMS);
  });

  it.each(Object.entries(PARAM_RANGES))('%s must stay within its range', (name, [min, max]) => {
    // Small sizes everywhere else, so only the range (not a combination rule) decides.
    const at = (value: number): QueueParams => ({
      ...DEFAULT_PARAMS,
      lease_seconds: 5,
      max_lease_seconds: 86_400,
      max_prompt_bytes: 1,
      max_jobs_per_lease: 1,
      max_tokens: 1,
      max_queued_jobs: 1,
      max_messages: 1,
      max_tool_calls: 0,
      max_tools_per_job: 0,
      max_output_bytes: name === 'max_tokens' ? PARAM_RANGES.max_output_bytes[1] : 16,
      [name]: value,
    });
    expect('Ok' in validateParams(at(min))).toBe(true);
    expect('Ok' in validateParams(at(max))).toBe(true);
    expect(validateParams(at(min - 1))).toEqual({ Err: { InvalidInput: expect.any(String) } });
    expect(validateParams(at(max + 1))).toEqual({ Err: { InvalidInput: expect.any(String) } });
    expect(validateParams(at(min + 0.5))).toEqual({ Err: { InvalidInput: expect.any(String) } });
  });

  it('refuses params under which a submit could hold more vector elements than inspect_message admits', () => {
    const elements = (p: Partial<QueueParams>) => ({
      ...DEFAULT_PARAMS,
      max_tool_calls: 0,
      max_tools_per_job: 0,
      ...p,
    });
    // 1023 messages' worth is out of max_messages' range: reach the budget through tool calls.
    expect(validateParams(elements({ max_messages: 16, max_tool_calls: 63 }))).toEqual({ Ok: expect.anything() }); // 1024
    expect(validateParams(elements({ max_messages: 16, max_tool_calls: 63, max_tools_per_job: 1 }))).toEqual({
      Err: { InvalidInput: expect.stringContaining('inspect_message admits at most 1024') },
    });
    expect(validateParams({ ...DEFAULT_PARAMS, max_messages: 256 })).toEqual({
      Err: { InvalidInput: expect.stringContaining('vector elements') },
    });
  });

  it('models must be non-empty, unique and bounded; max_lease_seconds >= lease_seconds', () => {
    for (const models of [[], ['a', 'a'], [''], ['m'.repeat(65)], Array.from({ length: 33 }, (_, i) => `m${i}`)]) {
      expect(validateParams({ ...DEFAULT_PARAMS, models })).toEqual({ Err: { InvalidInput: expect.any(String) } });
    }
    expect(validateParams({ ...DEFAULT_PARAMS, lease_seconds: 100, max_lease_seconds: 99 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
  });

  it('refuses combinations under which a method would trap or a job could not be completed', () => {
    const refused = (change: Partial<QueueParams>, pattern: RegExp) =>
      expect(validateParams({ ...DEFAULT_PARAMS, ...change })).toEqual({
        Err: { InvalidInput: expect.stringMatching(pattern) },
      });
    // 100 jobs of 1 MB prompts would be a 100 MB lease reply.
    refused({ max_jobs_per_lease: 100, max_prompt_bytes: 1_000_000 }, /lease reply.*2097152/);
    refused({ max_jobs_per_lease: 3, max_prompt_bytes: 700_000 }, /lease reply/);
    expect('Ok' in validateParams({ ...DEFAULT_PARAMS, max_jobs_per_lease: 2, max_prompt_bytes: 1_000_000 })).toBe(
      true,
    );
    refused({ max_tokens: 4096, max_output_bytes: 32_768 }, /max_tokens 4096 needs up to 65536/);
    refused({ max_queued_jobs: 1_000_000, max_prompt_bytes: 1_000_000, max_jobs_per_lease: 1 }, /max_queued_jobs/);
    // The largest output the range allows holds the largest max_tokens it allows, and no more than 128 KiB.
    expect(PARAM_RANGES.max_output_bytes[1]).toBe(128 * 1024);
    expect(PARAM_RANGES.max_tokens[1] * MAX_BYTES_PER_TOKEN).toBe(PARAM_RANGES.max_output_bytes[1]);
  });

  it('init refuses the anonymous principal as governance or registry', () => {
    for (const init of [
      { governance: ROLES.anonymous, registry: ROLES.registryCanister },
      { governance: ROLES.governance, registry: ROLES.anonymous },
    ])
      expect(() => initQueue(memoryStores(), init)).toThrow(/anonymous/);
  });

  it('validate_set_params renders the change and changes nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    const result = validateSetParams(stores, { ...DEFAULT_PARAMS, max_attempts: 5, models: ['tiny-chat', 'llama'] });
    expect(result).toEqual({ Ok: expect.stringContaining('changes: models, max_attempts') });
    expect((result as { Ok: string }).Ok).toContain('max_attempts = 5');
    expect((result as { Ok: string }).Ok).toContain('models = [tiny-chat, llama]');
    expect(validateSetParams(stores, { ...DEFAULT_PARAMS, max_attempts: 0 })).toEqual({
      Err: expect.stringContaining('InvalidInput'),
    });
    expect(snapshot(stores)).toEqual(before);
  });

  it('set_params applies valid params for governance only', () => {
    const stores = world();
    const next = { ...DEFAULT_PARAMS, max_tokens: 1024 };
    expect(setParams(stores, ROLES.controller, next)).toEqual({ Err: { Unauthorized: expect.any(String) } });
    expect(setParams(stores, ROLES.governance, { ...next, max_tokens: 0 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(currentParams(stores)).toEqual(DEFAULT_PARAMS);
    expect(setParams(stores, ROLES.governance, next)).toEqual({ Ok: null });
    expect(currentParams(stores).max_tokens).toBe(1024);
  });
});
