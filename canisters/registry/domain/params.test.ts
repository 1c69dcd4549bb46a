import { describe, expect, it } from 'vitest';

import { checkParams, DEFAULT_PARAMS, describeParamChanges, PARAM_RANGES, type RegistryParams } from './params.ts';

describe('params', () => {
  it('defaults are inside their ranges and match the documented values', () => {
    expect('Ok' in checkParams(DEFAULT_PARAMS)).toBe(true);
    expect(DEFAULT_PARAMS.max_worker_keys).toBe(8);
    expect(DEFAULT_PARAMS.max_models).toBe(16);
    expect(PARAM_RANGES.max_worker_keys[1]).toBe(64);
  });

  it.each(Object.entries(PARAM_RANGES) as Array<[keyof RegistryParams, [number, number]]>)(
    '%s accepts its bounds and rejects one past them and fractions',
    (name, [min, max]) => {
      const at = (value: number) => checkParams({ ...DEFAULT_PARAMS, [name]: value });
      expect('Ok' in at(min) && 'Ok' in at(max)).toBe(true);
      expect(at(min - 1)).toEqual({ Err: { InvalidInput: expect.stringContaining(name) } });
      expect(at(max + 1)).toEqual({ Err: { InvalidInput: expect.stringContaining(name) } });
      expect('Err' in at(min + 0.5)).toBe(true);
    },
  );

  it('describes exactly the changed fields', () => {
    expect(describeParamChanges(DEFAULT_PARAMS, { ...DEFAULT_PARAMS, max_models: 32, max_worker_keys: 4 })).toBe(
      'max_worker_keys 8 -> 4, max_models 16 -> 32',
    );
    expect(describeParamChanges(DEFAULT_PARAMS, { ...DEFAULT_PARAMS })).toBe('no change');
  });
});
