import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { currentParams, setParams, validateSetParams } from './config.ts';
import { DEFAULT_PARAMS, PARAM_RANGES, validateParams, type QueueParams } from './params.ts';
import { snapshot, world } from './testing.ts';

describe('queue params', () => {
  it('defaults are valid and are what init installs', () => {
    expect(validateParams(DEFAULT_PARAMS)).toEqual({ Ok: DEFAULT_PARAMS });
    expect(currentParams(world())).toEqual(DEFAULT_PARAMS);
  });

  it.each(Object.entries(PARAM_RANGES))('%s must stay within its range', (name, [min, max]) => {
    const at = (value: number): QueueParams => ({
      ...DEFAULT_PARAMS,
      lease_seconds: 5,
      max_lease_seconds: 86_400,
      [name]: value,
    });
    expect('Ok' in validateParams(at(min))).toBe(true);
    expect('Ok' in validateParams(at(max))).toBe(true);
    expect(validateParams(at(min - 1))).toEqual({ Err: { InvalidInput: expect.any(String) } });
    expect(validateParams(at(max + 1))).toEqual({ Err: { InvalidInput: expect.any(String) } });
    expect(validateParams(at(min + 0.5))).toEqual({ Err: { InvalidInput: expect.any(String) } });
  });

  it('models must be non-empty, unique and bounded; max_lease_seconds >= lease_seconds', () => {
    for (const models of [[], ['a', 'a'], [''], ['m'.repeat(65)], Array.from({ length: 33 }, (_, i) => `m${i}`)]) {
      expect(validateParams({ ...DEFAULT_PARAMS, models })).toEqual({ Err: { InvalidInput: expect.any(String) } });
    }
    expect(validateParams({ ...DEFAULT_PARAMS, lease_seconds: 100, max_lease_seconds: 99 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
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
    const next = { ...DEFAULT_PARAMS, max_tokens: 4096 };
    expect(setParams(stores, ROLES.controller, next)).toEqual({ Err: { Unauthorized: expect.any(String) } });
    expect(setParams(stores, ROLES.governance, { ...next, max_tokens: 0 })).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
    expect(currentParams(stores)).toEqual(DEFAULT_PARAMS);
    expect(setParams(stores, ROLES.governance, next)).toEqual({ Ok: null });
    expect(currentParams(stores).max_tokens).toBe(4096);
  });
});
