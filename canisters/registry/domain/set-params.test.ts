import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { expectOk, LATER, onlyRole, outcomeOf, snapshot, world } from '../testing/world.ts';
import { executeAction, validateAction } from './governance-action.ts';
import { DEFAULT_PARAMS, type RegistryParams } from './params.ts';
import { setParams } from './set-params.ts';
import { readMeta } from './stores.ts';

const to = (params: RegistryParams) => ({ expected: DEFAULT_PARAMS, params });
const changed = to({ ...DEFAULT_PARAMS, max_worker_keys: 4 });

describe('set_params', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => executeAction(setParams, stores, caller, LATER, changed), onlyRole('governance'));
  });

  it('validator lists the changes; execution stores them and logs ParamsChanged', () => {
    const stores = world();
    expect(validateAction(setParams, stores, changed)).toEqual({ Ok: 'Set registry params: max_worker_keys 8 -> 4.' });
    expectOk(executeAction(setParams, stores, ROLES.governance, LATER, changed));
    expect(readMeta(stores).params).toEqual(changed.params);
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'ParamsChanged',
      detail: 'max_worker_keys 8 -> 4',
      actor: ROLES.governance,
    });
  });

  it('refuses out-of-range values and a no-op, changing nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    expect(validateAction(setParams, stores, to({ ...DEFAULT_PARAMS, max_worker_keys: 65 }))).toEqual({
      Err: expect.stringMatching(/^InvalidInput: max_worker_keys/),
    });
    expect(
      outcomeOf(executeAction(setParams, stores, ROLES.governance, LATER, to({ ...DEFAULT_PARAMS, max_models: 0 }))),
    ).toBe('InvalidInput');
    expect(outcomeOf(executeAction(setParams, stores, ROLES.governance, LATER, to({ ...DEFAULT_PARAMS })))).toBe(
      'Conflict',
    );
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses a proposal made from params that another adopted proposal changed since', () => {
    const stores = world();
    const first = to({ ...DEFAULT_PARAMS, max_worker_keys: 4 });
    const second = to({ ...DEFAULT_PARAMS, max_models: 32 });
    expect(validateAction(setParams, stores, second)).toEqual({ Ok: 'Set registry params: max_models 16 -> 32.' });
    expectOk(executeAction(setParams, stores, ROLES.governance, LATER, first));
    const before = snapshot(stores);
    const refused = executeAction(setParams, stores, ROLES.governance, LATER, second);
    expect(refused).toEqual({
      Err: {
        Conflict:
          'the params changed since this proposal was made (max_worker_keys 8 -> 4); propose again from the current ones',
      },
    });
    expect(snapshot(stores)).toEqual(before);
    expect(readMeta(stores).params.max_worker_keys).toBe(4);
  });
});
