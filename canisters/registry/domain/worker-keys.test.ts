import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { admission, expectOk, freshKey, LATER, onlyRole, outcomeOf, snapshot, T0, world } from '../testing/world.ts';
import { admitContributor } from './admit.ts';
import { removeContributor, suspendContributor } from './contributor-status.ts';
import { executeAction } from './governance-action.ts';
import { takeMembershipBatch } from './outbox.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { roleOf } from './role-of.ts';
import { setParams } from './set-params.ts';
import { bindWorkerKey, DAY_NS, unbindWorkerKey } from './worker-keys.ts';

const key = freshKey(10);
const govern = (stores: ReturnType<typeof world>, action: typeof suspendContributor) =>
  expectOk(executeAction(action, stores, ROLES.governance, T0, { contributor: ROLES.contributor, reason: 'r' }));

describe('bind_worker_key', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => bindWorkerKey(stores, caller, LATER, key), onlyRole('contributor'));
  });

  it('binds the key, tells the queue it is active, logs the bind', () => {
    const stores = world();
    expectOk(bindWorkerKey(stores, ROLES.contributor, LATER, key));
    expect(stores.contributors.get(ROLES.contributor)?.worker_keys).toEqual([ROLES.worker, key]);
    expect(stores.workerKeys.get(key)).toEqual({ key, contributor: ROLES.contributor, bound_at: LATER });
    expect(takeMembershipBatch(stores).at(-1)).toEqual({
      seq: 2n,
      worker: key,
      contributor: ROLES.contributor,
      active: true,
    });
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'WorkerKeyBound',
      subject: key,
      actor: ROLES.contributor,
    });
    expect(roleOf(stores, key)).toEqual({ kind: 'Worker', contributor: ROLES.contributor, active: true });
  });

  it.each([
    ['anonymous', ANONYMOUS, 'InvalidInput'],
    ['the caller itself', ROLES.contributor, 'InvalidInput'],
    ['a node provider', ROLES.nodeProvider, 'Conflict'],
    ['a key already bound to the caller', ROLES.worker, 'Conflict'],
    ['the queue canister', ROLES.queueCanister, 'Conflict'],
  ] as const)('refuses %s as key and changes nothing', (_name, candidate, outcome) => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(bindWorkerKey(stores, ROLES.contributor, LATER, candidate))).toBe(outcome);
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses a key bound to another contributor and another contributor principal', () => {
    const stores = world();
    const other = freshKey(11);
    expectOk(
      admitContributor(stores, ROLES.invitationCanister, T0, admission({ contributor: other, display_name: 'Dave' })),
    );
    expect(bindWorkerKey(stores, other, LATER, ROLES.worker)).toEqual({
      Err: { Conflict: expect.stringContaining('bound worker key') },
    });
    expect(outcomeOf(bindWorkerKey(stores, other, LATER, ROLES.contributor))).toBe('Conflict');
  });

  it('requires an Active contributor', () => {
    const stores = world();
    govern(stores, suspendContributor);
    expect(outcomeOf(bindWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('Unauthorized');
    govern(stores, removeContributor);
    expect(outcomeOf(bindWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('Unauthorized');
  });

  it('enforces max_worker_keys', () => {
    const stores = world();
    for (let i = 1; i < DEFAULT_PARAMS.max_worker_keys; i++)
      expectOk(bindWorkerKey(stores, ROLES.contributor, LATER, freshKey(20 + i)));
    expect(bindWorkerKey(stores, ROLES.contributor, LATER, key)).toEqual({
      Err: { LimitExceeded: expect.stringContaining('8 worker keys') },
    });
  });

  it('limits binds per day and opens a new window after a day', () => {
    const stores = world();
    expectOk(executeAction(setParams, stores, ROLES.governance, T0, { ...DEFAULT_PARAMS, max_key_binds_per_day: 2 }));
    // world() already bound one key at T0; one more bind fits the window, the third does not.
    expectOk(bindWorkerKey(stores, ROLES.contributor, LATER, freshKey(30)));
    expectOk(unbindWorkerKey(stores, ROLES.contributor, LATER, freshKey(30)));
    expect(outcomeOf(bindWorkerKey(stores, ROLES.contributor, LATER, freshKey(31)))).toBe('LimitExceeded');
    expectOk(bindWorkerKey(stores, ROLES.contributor, T0 + DAY_NS, freshKey(31)));
  });
});

describe('unbind_worker_key', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => unbindWorkerKey(stores, caller, LATER, ROLES.worker), onlyRole('contributor'));
  });

  it('unbinds, tells the queue it is inactive, frees the key for anyone', () => {
    const stores = world();
    expectOk(unbindWorkerKey(stores, ROLES.contributor, LATER, ROLES.worker));
    expect(stores.contributors.get(ROLES.contributor)?.worker_keys).toEqual([]);
    expect(takeMembershipBatch(stores).at(-1)).toEqual({
      seq: 2n,
      worker: ROLES.worker,
      contributor: ROLES.contributor,
      active: false,
    });
    expect(stores.events.entries().at(-1)![1]).toMatchObject({ kind: 'WorkerKeyUnbound', subject: ROLES.worker });
    expect(roleOf(stores, ROLES.worker)).toEqual({ kind: 'None' });
  });

  it('is allowed while Suspended, not after removal', () => {
    const stores = world();
    govern(stores, suspendContributor);
    expectOk(unbindWorkerKey(stores, ROLES.contributor, LATER, ROLES.worker));
    govern(stores, removeContributor);
    expect(outcomeOf(unbindWorkerKey(stores, ROLES.contributor, LATER, ROLES.worker))).toBe('Unauthorized');
  });

  it('refuses a key that is not the caller’s', () => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(unbindWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('NotFound');
    expect(snapshot(stores)).toEqual(before);
  });
});
