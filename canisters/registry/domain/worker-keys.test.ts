import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { ALL_ROLES, ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import {
  admission,
  bindKey,
  expectOk,
  freshKey,
  LATER,
  onlyRole,
  outcomeOf,
  snapshot,
  T0,
  world,
} from '../testing/world.ts';
import { admitContributor } from './admit.ts';
import { reinstateContributor, removeContributor, suspendContributor } from './contributor-status.ts';
import { addNodeProvider, removeNodeProvider } from './node-providers.ts';
import { executeAction } from './governance-action.ts';
import { takeMembershipBatch } from './outbox.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { roleOf } from './role-of.ts';
import { setParams } from './set-params.ts';
import { acceptWorkerKey, DAY_NS, KEY_OFFER_TTL_NS, offerWorkerKey, unbindWorkerKey } from './worker-keys.ts';

const key = freshKey(10);
const govern = (stores: ReturnType<typeof world>, action: typeof suspendContributor) =>
  expectOk(executeAction(action, stores, ROLES.governance, T0, { contributor: ROLES.contributor, reason: 'r' }));

describe('offer_worker_key', () => {
  describe('caller matrix', () => {
    roleMatrix((stores, caller) => offerWorkerKey(stores, caller, LATER, key), onlyRole('contributor'));
  });

  it('binds nothing: the key is only offered, for a day', () => {
    const stores = world();
    const outbox = stores.outbox.size();
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, key));
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({
      worker_keys: [ROLES.worker],
      key_offers: [{ key, expires_at: LATER + KEY_OFFER_TTL_NS }],
    });
    expect(stores.workerKeys.has(key)).toBe(false);
    expect(stores.outbox.size()).toBe(outbox);
    expect(roleOf(stores, key)).toEqual({ kind: 'None' });
  });

  it.each([
    ['anonymous', ANONYMOUS, 'InvalidInput'],
    ['a principal of 30 bytes', Principal.fromUint8Array(new Uint8Array(30).fill(9)).toText(), 'InvalidInput'],
    ['the caller itself', ROLES.contributor, 'InvalidInput'],
    ['a node provider', ROLES.nodeProvider, 'Conflict'],
    ['a key already bound to the caller', ROLES.worker, 'Conflict'],
    ['the queue canister', ROLES.queueCanister, 'Conflict'],
  ] as const)('refuses %s as key and changes nothing', (_name, candidate, outcome) => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(offerWorkerKey(stores, ROLES.contributor, LATER, candidate))).toBe(outcome);
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses a key bound to another contributor, another contributor, and a removed node provider', () => {
    const stores = world();
    const other = freshKey(11);
    expectOk(
      admitContributor(stores, ROLES.invitationCanister, T0, admission({ contributor: other, display_name: 'Dave' })),
    );
    expect(offerWorkerKey(stores, other, LATER, ROLES.worker)).toEqual({
      Err: { Conflict: expect.stringContaining('bound worker key') },
    });
    expect(outcomeOf(offerWorkerKey(stores, other, LATER, ROLES.contributor))).toBe('Conflict');
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, T0, { id: ROLES.nodeProvider, reason: 'r' }));
    expect(outcomeOf(offerWorkerKey(stores, other, LATER, ROLES.nodeProvider))).toBe('Conflict');
  });

  it('requires an Active contributor', () => {
    const stores = world();
    govern(stores, suspendContributor);
    expect(outcomeOf(offerWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('Unauthorized');
    govern(stores, removeContributor);
    expect(outcomeOf(offerWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('Unauthorized');
  });

  it('bounds bound keys plus open offers by max_worker_keys; expired offers free their place', () => {
    const stores = world();
    for (let i = 1; i < DEFAULT_PARAMS.max_worker_keys; i++)
      expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, freshKey(20 + i)));
    expect(offerWorkerKey(stores, ROLES.contributor, LATER, key)).toEqual({
      Err: { LimitExceeded: expect.stringContaining('8 worker keys and open offers') },
    });
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER + KEY_OFFER_TTL_NS, key));
    expect(stores.contributors.get(ROLES.contributor)?.key_offers).toEqual([
      { key, expires_at: LATER + 2n * KEY_OFFER_TTL_NS },
    ]);
  });

  it('limits offers per day and opens a new window after a day', () => {
    const stores = world();
    expectOk(
      executeAction(setParams, stores, ROLES.governance, T0, {
        expected: DEFAULT_PARAMS,
        params: { ...DEFAULT_PARAMS, max_key_binds_per_day: 2 },
      }),
    );
    // world() already offered one key at T0; one more offer fits the window, the third does not.
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, freshKey(30)));
    expectOk(unbindWorkerKey(stores, ROLES.contributor, LATER, freshKey(30)));
    expect(outcomeOf(offerWorkerKey(stores, ROLES.contributor, LATER, freshKey(31)))).toBe('LimitExceeded');
    expectOk(offerWorkerKey(stores, ROLES.contributor, T0 + DAY_NS, freshKey(31)));
  });
});

describe('accept_worker_key', () => {
  const offered = () => {
    const stores = world();
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, key));
    return stores;
  };

  it('binds the key on its own signed call, tells the queue it is active, logs the bind', () => {
    const stores = offered();
    expectOk(acceptWorkerKey(stores, key, LATER, ROLES.contributor));
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({
      worker_keys: [ROLES.worker, key],
      key_offers: [],
    });
    expect(stores.workerKeys.get(key)).toEqual({ key, contributor: ROLES.contributor, bound_at: LATER });
    expect(takeMembershipBatch(stores).at(-1)).toEqual({
      seq: 2n,
      worker: key,
      contributor: ROLES.contributor,
      active: true,
    });
    expect(stores.events.entries().at(-1)![1]).toMatchObject({ kind: 'WorkerKeyBound', subject: key, actor: key });
    expect(roleOf(stores, key)).toEqual({ kind: 'Worker', contributor: ROLES.contributor, active: true });
  });

  it('caller matrix: no role can accept an offer made to another principal', () => {
    for (const role of ALL_ROLES) {
      const stores = offered();
      const before = snapshot(stores);
      expect(outcomeOf(acceptWorkerKey(stores, ROLES[role], LATER, ROLES.contributor))).toBe('NotFound');
      expect(snapshot(stores)).toEqual(before);
    }
  });

  it('refuses an expired offer and an offer of another contributor', () => {
    const stores = offered();
    expect(outcomeOf(acceptWorkerKey(stores, key, LATER + KEY_OFFER_TTL_NS, ROLES.contributor))).toBe('NotFound');
    expect(outcomeOf(acceptWorkerKey(stores, key, LATER, freshKey(12)))).toBe('NotFound');
  });

  it('keeps the offer unusable once the contributor is suspended, usable again once reinstated', () => {
    const stores = offered();
    govern(stores, suspendContributor);
    const before = snapshot(stores);
    expect(outcomeOf(acceptWorkerKey(stores, key, LATER, ROLES.contributor))).toBe('Unauthorized');
    expect(snapshot(stores)).toEqual(before);
    govern(stores, reinstateContributor);
    expectOk(acceptWorkerKey(stores, key, LATER, ROLES.contributor));
  });

  it('refuses a key that became another contributor’s key or a node provider after the offer', () => {
    const stores = offered();
    const other = freshKey(11);
    expectOk(
      admitContributor(stores, ROLES.invitationCanister, T0, admission({ contributor: other, display_name: 'Dave' })),
    );
    expectOk(offerWorkerKey(stores, other, LATER, key));
    expectOk(acceptWorkerKey(stores, key, LATER, other));
    expect(acceptWorkerKey(stores, key, LATER, ROLES.contributor)).toEqual({
      Err: { Conflict: expect.stringContaining('bound worker key') },
    });
    const provider = freshKey(13);
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, provider));
    expectOk(executeAction(addNodeProvider, stores, ROLES.governance, T0, { id: provider, display_name: 'Nina' }));
    expect(outcomeOf(acceptWorkerKey(stores, provider, LATER, ROLES.contributor))).toBe('Conflict');
  });

  it('lets a key accept, after the contributor’s removal frees it, another contributor’s offer', () => {
    const stores = world();
    govern(stores, removeContributor);
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({ worker_keys: [], key_offers: [] });
    const other = freshKey(11);
    expectOk(
      admitContributor(stores, ROLES.invitationCanister, T0, admission({ contributor: other, display_name: 'Dave' })),
    );
    expectOk(bindKey(stores, other, LATER, ROLES.worker));
    expect(roleOf(stores, ROLES.worker)).toEqual({ kind: 'Worker', contributor: other, active: true });
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

  it('withdraws an open offer', () => {
    const stores = world();
    expectOk(offerWorkerKey(stores, ROLES.contributor, LATER, key));
    expectOk(unbindWorkerKey(stores, ROLES.contributor, LATER, key));
    expect(outcomeOf(acceptWorkerKey(stores, key, LATER, ROLES.contributor))).toBe('NotFound');
  });

  it('refuses a key that is not the caller’s', () => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(unbindWorkerKey(stores, ROLES.contributor, LATER, key))).toBe('NotFound');
    expect(snapshot(stores)).toEqual(before);
  });
});
