import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { initialize } from './init.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { paramsCell, readConfig } from './stores.ts';
import { memoryStores, ROLES } from './testing.ts';

const config = { governance: ROLES.governance, registry: ROLES.registryCanister, admit_function_id: 1000n };

describe('initialize', () => {
  it('stores config and default params', () => {
    const stores = memoryStores();
    expect(initialize(stores, config, undefined)).toEqual({ Ok: null });
    expect(readConfig(stores)).toEqual(config);
    expect(paramsCell(stores).get()).toEqual(DEFAULT_PARAMS);
  });

  it.each([
    ['a generic function id below 1000', { ...config, admit_function_id: 999n }, undefined],
    ['an anonymous governance', { ...config, governance: ANONYMOUS }, undefined],
    ['out-of-range params', config, { ...DEFAULT_PARAMS, max_models: 0 }],
  ])('refuses %s and stores nothing', (_, cfg, params) => {
    const stores = memoryStores();
    expect('Err' in initialize(stores, cfg, params)).toBe(true);
    expect(stores.config.size() + stores.params.size()).toBe(0);
  });
});
