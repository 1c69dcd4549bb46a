import { describe, expect, it } from 'vitest';

import {
  DEFAULT_RULES,
  modelList,
  modelsError,
  principalError,
  unservedModels,
  validateNomination,
  type NominationInput,
} from './validation.utils.ts';

const valid: NominationInput = {
  candidate: 'rrkah-fqaaa-aaaaa-aaaaq-cai',
  displayName: 'Erin',
  motivation: 'Runs a GPU box',
  cpuCores: '8',
  ramGib: '32',
  gpu: 'RTX 4090',
  vramGib: '24',
  region: 'eu-west',
  models: 'tiny-chat, llama3',
};

describe('nomination form validation', () => {
  it('accepts a complete nomination', () => {
    expect(validateNomination(valid)).toEqual({});
    expect(modelList(valid.models)).toEqual(['tiny-chat', 'llama3']);
  });

  it('explains a bad principal while typing', () => {
    expect(principalError('')).toMatch(/required/);
    expect(principalError('rrkah-fqaaa')).toMatch(/not a principal/);
    expect(principalError('2vxsx-fae')).toMatch(/anonymous/);
    expect(principalError('rrkah-fqaaa-aaaaa-aaaaq-cai', 'rrkah-fqaaa-aaaaa-aaaaq-cai')).toMatch(/yourself/);
  });

  it('flags every field out of bounds', () => {
    const e = validateNomination({
      ...valid,
      displayName: 'x'.repeat(65),
      motivation: ' ',
      cpuCores: '0',
      ramGib: 'lots',
      vramGib: '-1',
      models: '',
    });
    expect(Object.keys(e).sort()).toEqual(['cpuCores', 'displayName', 'models', 'motivation', 'ramGib', 'vramGib']);
    expect(e.cpuCores).toBe('CPU cores: between 1 and 1024');
  });

  it('checks models as the invitation canister does, and names those the network does not serve', () => {
    const rules = { ...DEFAULT_RULES, served: ['tiny-chat'], maxModels: 3 };
    expect(modelsError('tiny-chat, x', rules)).toBeUndefined();
    expect(modelsError(' , ', rules)).toMatch(/at least one/);
    expect(modelsError('a b c d', rules)).toBe('at most 3 models');
    expect(modelsError('m'.repeat(129), rules)).toBe('model names of at most 128 bytes');
    expect(modelsError('tiny\u202echat', rules)).toMatch(/control or bidi/);
    expect(modelsError('a, b, a', rules)).toBe('"a" is named twice');
    expect(unservedModels('tiny-chat, llama', rules)).toEqual(['llama']);
    expect(unservedModels('llama', DEFAULT_RULES)).toEqual([]);
  });

  it('refuses what the canister refuses in the other text fields: an empty region, hidden characters', () => {
    expect(validateNomination({ ...valid, region: ' ' }).region).toMatch(/region .*is required/);
    expect(validateNomination({ ...valid, displayName: 'Er\u202ein' }).displayName).toMatch(/control or bidi/);
    expect(validateNomination({ ...valid, motivation: 'line one\nline two' })).toEqual({});
    expect(validateNomination({ ...valid, gpu: '' })).toEqual({});
  });
});
