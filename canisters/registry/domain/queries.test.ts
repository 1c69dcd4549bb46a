import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { admission, expectOk, freshKey, LATER, T0, world } from '../testing/world.ts';
import { admitContributor } from './admit.ts';
import { suspendContributor } from './contributor-status.ts';
import { executeAction } from './governance-action.ts';
import { removeNodeProvider } from './node-providers.ts';
import { okPage } from '../../shared/testing/paging.ts';
import * as queries from './queries.ts';
import { getContributor, stats } from './queries.ts';
import { roleOf } from './role-of.ts';

const listContributors = (...a: Parameters<typeof queries.listContributors>) => okPage(queries.listContributors(...a));
const listNodeProviders = (...a: Parameters<typeof queries.listNodeProviders>) =>
  okPage(queries.listNodeProviders(...a));
const listEvents = (...a: Parameters<typeof queries.listEvents>) => okPage(queries.listEvents(...a));
const listMembershipOutbox = (...a: Parameters<typeof queries.listMembershipOutbox>) =>
  okPage(queries.listMembershipOutbox(...a));

describe('queries', () => {
  it('get_contributor finds members only', () => {
    const stores = world();
    expect(getContributor(stores, ROLES.contributor)?.display_name).toBe('Carol');
    expect(getContributor(stores, ROLES.worker)).toBeUndefined();
  });

  it('pages contributors with total; limit 0 means 100; past 100 or offset 2^32 is InvalidInput', () => {
    const stores = world();
    for (let i = 0; i < 120; i++) {
      expectOk(
        admitContributor(
          stores,
          ROLES.invitationCanister,
          T0,
          admission({ contributor: freshKey(100 + i), display_name: `c${i}` }),
        ),
      );
    }
    const first = listContributors(stores, { offset: 0n, limit: 0n });
    expect(first.total).toBe(121n);
    expect(first.items).toHaveLength(100);
    expect(listContributors(stores, { offset: 120n, limit: 5n }).items).toHaveLength(1);
    expect(listContributors(stores, { offset: 2n ** 32n - 1n, limit: 5n }).items).toEqual([]);
    for (const request of [
      { offset: 2n ** 63n, limit: 5n },
      { offset: 0n, limit: 101n },
    ])
      expect(queries.listContributors(stores, request)).toEqual({ Err: { InvalidInput: expect.any(String) } });
  });

  it('lists node providers, events oldest and newest first, and the pending outbox', () => {
    const stores = world();
    expect(listNodeProviders(stores, { offset: 0n, limit: 10n }).items.map((p) => p.id)).toEqual([ROLES.nodeProvider]);
    const events = listEvents(stores, { offset: 0n, limit: 10n });
    expect(events.items.map((e) => e.kind)).toEqual(['NodeProviderAdded', 'ContributorAdmitted', 'WorkerKeyBound']);
    expect(events.items.map((e) => e.seq)).toEqual([1n, 2n, 3n]);
    const recent = okPage(queries.listRecentEvents(stores, { offset: 0n, limit: 2n }));
    expect(recent).toMatchObject({ total: 3n, items: [{ seq: 3n }, { seq: 2n }] });
    expect(okPage(queries.listRecentEvents(stores, { offset: 2n, limit: 2n })).items.map((e) => e.seq)).toEqual([1n]);
    expect(listMembershipOutbox(stores, { offset: 0n, limit: 10n })).toEqual({
      items: [{ seq: 1n, worker: ROLES.worker, contributor: ROLES.contributor, active: true }],
      total: 1n,
    });
  });

  it('stats count records, statuses from sponsor figures, keys, events and the outbox', () => {
    const stores = world();
    expectOk(
      executeAction(suspendContributor, stores, ROLES.governance, LATER, {
        contributor: ROLES.contributor,
        reason: 'r',
      }),
    );
    expectOk(
      executeAction(removeNodeProvider, stores, ROLES.governance, LATER, { id: ROLES.nodeProvider, reason: 'r' }),
    );
    expect(stats(stores)).toEqual({
      contributors: 1n,
      active_contributors: 0n,
      suspended_contributors: 1n,
      removed_contributors: 0n,
      node_providers: 1n,
      active_node_providers: 0n,
      worker_keys: 1n,
      events: 5n,
      pending_membership_updates: 2n,
      last_membership_seq: 2n,
    });
  });

  it('role_of covers every kind', () => {
    const stores = world();
    expect(roleOf(stores, ROLES.nodeProvider)).toEqual({ kind: 'NodeProvider' });
    expect(roleOf(stores, ROLES.contributor)).toEqual({ kind: 'Contributor', status: 'Active' });
    expect(roleOf(stores, ROLES.worker)).toEqual({ kind: 'Worker', contributor: ROLES.contributor, active: true });
    expect(roleOf(stores, ROLES.stranger)).toEqual({ kind: 'None' });
    expect(roleOf(stores, ROLES.governance)).toEqual({ kind: 'None' });
  });
});
