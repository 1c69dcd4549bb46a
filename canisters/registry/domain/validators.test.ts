import { describe, expect, it } from 'vitest';

import { ALL_ROLES, ROLES } from '../../shared/testing/roles.ts';
import { freshKey, snapshot, T0, world } from '../testing/world.ts';
import { removeContributor, reinstateContributor, suspendContributor } from './contributor-status.ts';
import { validatorWindow } from '../../shared/domain/rate-window.ts';
import { validateAction, validateFor, type GovernanceAction } from './governance-action.ts';
import { addNodeProvider, removeNodeProvider } from './node-providers.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { setParams } from './set-params.ts';

const decision = { contributor: ROLES.contributor, reason: 'r' };
const validators: Array<[string, GovernanceAction<never>, unknown]> = [
  ['validate_add_node_provider', addNodeProvider as GovernanceAction<never>, { id: freshKey(40), display_name: 'N' }],
  [
    'validate_remove_node_provider',
    removeNodeProvider as GovernanceAction<never>,
    { id: ROLES.nodeProvider, reason: 'r' },
  ],
  ['validate_suspend_contributor', suspendContributor as GovernanceAction<never>, decision],
  ['validate_reinstate_contributor', reinstateContributor as GovernanceAction<never>, decision],
  ['validate_remove_contributor', removeContributor as GovernanceAction<never>, decision],
  [
    'validate_set_params',
    setParams as GovernanceAction<never>,
    { expected: DEFAULT_PARAMS, params: { ...DEFAULT_PARAMS, max_models: 3 } },
  ],
];

/**
 * SNS governance calls validators while a proposal is being made; they change nothing. Governance always
 * gets the plan; others (a CLI preview) within a per-minute budget; anonymous never.
 */
describe.each(validators)('%s caller matrix', (_name, action, payload) => {
  it('answers signed-in roles alike, anonymous Unauthorized, strangers only within budget, and changes nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    const window = validatorWindow();
    const plan = validateAction(action, stores, payload as never);
    for (const role of ALL_ROLES) {
      const answer = validateFor(action, stores, ROLES[role], T0, window, payload as never);
      expect(answer).toEqual(role === 'anonymous' ? { Err: expect.stringMatching(/^Unauthorized/) } : plan);
    }
    for (let i = 0; i < 20; i++) validateFor(action, stores, ROLES.stranger, T0, window, payload as never);
    expect(validateFor(action, stores, ROLES.stranger, T0, window, payload as never)).toEqual({
      Err: expect.stringMatching(/^LimitExceeded/),
    });
    expect(validateFor(action, stores, ROLES.governance, T0, window, payload as never)).toEqual(plan);
    expect(snapshot(stores)).toEqual(before);
  });
});
