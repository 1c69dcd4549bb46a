import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { expectOk, LATER, onlyRole, outcomeOf, snapshot, world } from '../testing/world.ts';
import { executeAction, validateAction } from './governance-action.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { setParams } from './set-params.ts';
import { readMeta } from './stores.ts';

const changed = { ...DEFAULT_PARAMS, max_worker_keys: 4 };

describe('set_params', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => executeAction(setParams, stores, caller, LATER, changed), onlyRole('governance'));
  });

  it('validator lists the changes; execution stores them and logs ParamsChanged', () => {
    const stores = world();
    expect(validateAction(setParams, stores, changed)).toEqual({ Ok: 'Set registry params: max_worker_keys 8 -> 4.' });
    expectOk(executeAction(setParams, stores, ROLES.governance, LATER, changed));
    expect(readMeta(stores).params).toEqual(changed);
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'ParamsChanged',
      detail: 'max_worker_keys 8 -> 4',
      actor: ROLES.governance,
    });
  });

  it('refuses out-of-range values and a no-op, changing nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    expect(validateAction(setParams, stores, { ...DEFAULT_PARAMS, max_worker_keys: 65 })).toEqual({
      Err: expect.stringMatching(/^InvalidInput: max_worker_keys/),
    });
    expect(
      outcomeOf(executeAction(setParams, stores, ROLES.governance, LATER, { ...DEFAULT_PARAMS, max_models: 0 })),
    ).toBe('InvalidInput');
    expect(outcomeOf(executeAction(setParams, stores, ROLES.governance, LATER, { ...DEFAULT_PARAMS }))).toBe(
      'Conflict',
    );
    expect(snapshot(stores)).toEqual(before);
  });
});
