import { describe, expect, it } from 'vitest';

import { ALL_ROLES, ROLES } from '../../shared/testing/roles.ts';
import { freshKey, snapshot, world } from '../testing/world.ts';
import { removeContributor, reinstateContributor, suspendContributor } from './contributor-status.ts';
import { validateAction, type GovernanceAction } from './governance-action.ts';
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
  ['validate_set_params', setParams as GovernanceAction<never>, { ...DEFAULT_PARAMS, max_models: 3 }],
];

/**
 * Validators take no caller: SNS governance calls them while a proposal is being made, and they
 * change nothing, so every role gets the same answer and the state stays as it was.
 */
describe.each(validators)('%s caller matrix', (_name, action, payload) => {
  it('answers every role alike and changes nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    const answers = ALL_ROLES.map(() => validateAction(action, stores, payload as never));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(snapshot(stores)).toEqual(before);
  });
});
