import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { expectOk, freshKey, LATER, onlyRole, outcomeOf, snapshot, T0, world } from '../testing/world.ts';
import { executeAction, validateAction } from './governance-action.ts';
import { addNodeProvider, removeNodeProvider } from './node-providers.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { roleOf } from './role-of.ts';
import { setParams } from './set-params.ts';

const newcomer = freshKey(2);
const add = { id: newcomer, display_name: 'Nina' };
const remove = { id: ROLES.nodeProvider, reason: 'retired' };

describe('add_node_provider', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => executeAction(addNodeProvider, stores, caller, LATER, add), onlyRole('governance'));
  });

  it('validator renders the addition; execution adds an active record and one event', () => {
    const stores = world();
    expect(validateAction(addNodeProvider, stores, add)).toEqual({ Ok: `Add node provider "Nina" (${newcomer}).` });
    expectOk(executeAction(addNodeProvider, stores, ROLES.governance, LATER, add));
    expect(stores.nodeProviders.get(newcomer)).toMatchObject({ display_name: 'Nina', active: true, added_at: LATER });
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'NodeProviderAdded',
      subject: newcomer,
      actor: ROLES.governance,
      proposal_id: undefined,
    });
    expect(roleOf(stores, newcomer)).toEqual({ kind: 'NodeProvider' });
  });

  it('reactivates a removed node provider, keeping added_at and sponsor figures', () => {
    const stores = world();
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, T0, remove));
    const payload = { id: ROLES.nodeProvider, display_name: 'Nora B' };
    expect(validateAction(addNodeProvider, stores, payload)).toEqual({
      Ok: expect.stringContaining('Reactivate node provider "Nora"'),
    });
    expectOk(executeAction(addNodeProvider, stores, ROLES.governance, LATER, payload));
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({
      display_name: 'Nora B',
      active: true,
      added_at: T0,
      updated_at: LATER,
      sponsored_active: 1,
    });
  });

  it.each([
    ['an active node provider', ROLES.nodeProvider, 'Conflict'],
    ['a contributor', ROLES.contributor, 'Conflict'],
    ['a bound worker key', ROLES.worker, 'Conflict'],
    ['the invitation canister', ROLES.invitationCanister, 'Conflict'],
    ['anonymous', ANONYMOUS, 'InvalidInput'],
  ] as const)('validator and execution refuse %s', (_name, id, outcome) => {
    const stores = world();
    const before = snapshot(stores);
    expect(validateAction(addNodeProvider, stores, { id, display_name: 'X' })).toEqual({
      Err: expect.stringMatching(`^${outcome}: `),
    });
    expect(outcomeOf(executeAction(addNodeProvider, stores, ROLES.governance, LATER, { id, display_name: 'X' }))).toBe(
      outcome,
    );
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses an empty or too long display name and a full registry', () => {
    const stores = world();
    expect(
      outcomeOf(executeAction(addNodeProvider, stores, ROLES.governance, LATER, { id: newcomer, display_name: '' })),
    ).toBe('InvalidInput');
    expect(
      outcomeOf(
        executeAction(addNodeProvider, stores, ROLES.governance, LATER, { id: newcomer, display_name: 'n'.repeat(65) }),
      ),
    ).toBe('LimitExceeded');
    expectOk(
      executeAction(setParams, stores, ROLES.governance, LATER, {
        expected: DEFAULT_PARAMS,
        params: { ...DEFAULT_PARAMS, max_node_providers: 1 },
      }),
    );
    expect(outcomeOf(executeAction(addNodeProvider, stores, ROLES.governance, LATER, add))).toBe('LimitExceeded');
  });
});

describe('remove_node_provider', () => {
  describe('caller matrix', () => {
    roleMatrix(
      (stores, caller) => executeAction(removeNodeProvider, stores, caller, LATER, remove),
      onlyRole('governance'),
    );
  });

  it('validator names the provider and what stays; execution marks inactive and keeps contributors', () => {
    const stores = world();
    expect(validateAction(removeNodeProvider, stores, remove)).toEqual({
      Ok: `Remove node provider "Nora" (${ROLES.nodeProvider}). The contributors they sponsored (1 active, 0 suspended) stay. Reason: "retired"`,
    });
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, LATER, remove));
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({ active: false, updated_at: LATER });
    expect(roleOf(stores, ROLES.nodeProvider)).toEqual({ kind: 'None' });
    expect(stores.contributors.get(ROLES.contributor)?.status).toBe('Active');
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'NodeProviderRemoved',
      detail: 'retired',
      actor: ROLES.governance,
    });
  });

  it('refuses unknown, already inactive, and a missing reason', () => {
    const stores = world();
    expect(
      outcomeOf(executeAction(removeNodeProvider, stores, ROLES.governance, LATER, { id: newcomer, reason: 'r' })),
    ).toBe('NotFound');
    expect(
      outcomeOf(executeAction(removeNodeProvider, stores, ROLES.governance, LATER, { ...remove, reason: ' ' })),
    ).toBe('InvalidInput');
    expect(
      outcomeOf(
        executeAction(removeNodeProvider, stores, ROLES.governance, LATER, { ...remove, reason: 'r'.repeat(1025) }),
      ),
    ).toBe('LimitExceeded');
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, LATER, remove));
    expect(validateAction(removeNodeProvider, stores, remove)).toEqual({
      Err: expect.stringContaining('already inactive'),
    });
  });
});
