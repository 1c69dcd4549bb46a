import { IDL } from '@icp-sdk/core/candid';
import { describe, expect, it } from 'vitest';

import { certifiedFactory, toValidation } from './canister.ts';
import { registryIdlFactory } from './registry/registry.canister.ts';

describe('certifiedFactory', () => {
  it('makes every query an update call and leaves the rest of the service as it is', () => {
    const plain = registryIdlFactory({ IDL });
    const certified = certifiedFactory(registryIdlFactory)({ IDL });
    const queries = plain._fields.filter(([, f]) => f.annotations.includes('query')).map(([name]) => name);
    expect(queries).toContain('get_contributor');
    expect(certified._fields.map(([name]) => name)).toEqual(plain._fields.map(([name]) => name));
    for (const [name, func] of certified._fields) {
      expect(func.annotations, name).toEqual([]);
      const original = plain._fields.find(([n]) => n === name)![1];
      expect(func.argTypes.map((t) => t.display())).toEqual(original.argTypes.map((t) => t.display()));
      expect(func.retTypes.map((t) => t.display())).toEqual(original.retTypes.map((t) => t.display()));
    }
  });
});

describe('toValidation', () => {
  it('reads a validator answer as valid + text', () => {
    expect(toValidation({ Ok: 'Admit Dave' })).toEqual({ valid: true, text: 'Admit Dave' });
    expect(toValidation({ Err: 'nomination 3 expired' })).toEqual({ valid: false, text: 'nomination 3 expired' });
  });
});
