import { describe, expect, it } from 'vitest';

import { canisterNames, parseConfig } from './config.ts';

const base = {
  network: 'local',
  host: 'http://127.0.0.1:4943',
  identityProvider: 'http://127.0.0.1:4943/identity-provider',
  canisters: { registry: 'r-id', invitation: 'i-id', queue: 'q-id', sns_governance: 's-id' },
};

describe('parseConfig', () => {
  it('takes the llm canister id when the deployment has one, and none when it has not', () => {
    expect(parseConfig({ ...base, canisters: { ...base.canisters, llm: 'l-id' } }).canisters.llm).toBe('l-id');
    expect(parseConfig(base).canisters.llm).toBeUndefined();
  });

  it('refuses a config without a required canister or with an llm id that is not text', () => {
    expect(() => parseConfig({ ...base, canisters: { ...base.canisters, queue: undefined } })).toThrow(/queue/);
    expect(() => parseConfig({ ...base, canisters: { ...base.canisters, llm: 7 } })).toThrow(/llm/);
  });
});

describe('canisterNames', () => {
  it('names each id by its role', () => {
    expect(canisterNames(parseConfig(base))).toEqual({
      'r-id': 'registry',
      'i-id': 'invitation',
      'q-id': 'queue',
      's-id': 'sns governance',
    });
  });
});
