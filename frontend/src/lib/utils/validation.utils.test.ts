import { describe, expect, it } from 'vitest';

import { modelList, principalError, validateNomination, type NominationInput } from './validation.utils.ts';

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
});
