import { describe, expect, it } from 'vitest';

import { GATEHOUSE_ERROR_KINDS, GatehouseCanisterError, unwrapResult } from './errors.ts';

describe('GatehouseCanisterError', () => {
  it('unwraps Ok and throws Err with the variant as kind, the text as message and the method', () => {
    expect(unwrapResult({ Ok: 5n }, 'queue.submit')).toBe(5n);
    for (const kind of GATEHOUSE_ERROR_KINDS) {
      const err = { [kind]: `why ${kind}` } as { Conflict: string };
      let thrown: unknown;
      try {
        unwrapResult({ Err: err }, 'registry.bind_worker_key');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GatehouseCanisterError);
      expect(thrown).toMatchObject({ kind, message: `why ${kind}`, method: 'registry.bind_worker_key' });
    }
  });
});
