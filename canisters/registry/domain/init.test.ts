import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { emptyStores, expectOk, genesis, outcomeOf, snapshot, T0 } from '../testing/world.ts';
import { initRegistry } from './init.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { readMeta } from './stores.ts';

describe('initRegistry', () => {
  it('stores the system canisters, default params and the genesis node providers with an event each', () => {
    const stores = emptyStores();
    const second = testPrincipal(40);
    expectOk(
      initRegistry(
        stores,
        ROLES.controller,
        T0,
        genesis({
          node_providers: [
            { id: ROLES.nodeProvider, display_name: 'Nora' },
            { id: second, display_name: 'Otto' },
          ],
        }),
      ),
    );
    const meta = readMeta(stores);
    expect(meta).toEqual({
      governance: ROLES.governance,
      invitation: ROLES.invitationCanister,
      queue: ROLES.queueCanister,
      params: DEFAULT_PARAMS,
      last_membership_seq: 0n,
      membership_epoch: T0,
      // One change per genesis node provider: the first push to the invitation carries both.
      node_providers_version: 2n,
    });
    expect(stores.nodeProviders.get(second)).toMatchObject({
      display_name: 'Otto',
      active: true,
      added_at: T0,
      sponsored_active: 0,
    });
    const events = stores.events.entries().map(([, e]) => e);
    expect(events.map((e) => [e.seq, e.kind, e.subject, e.actor])).toEqual([
      [1n, 'NodeProviderAdded', ROLES.nodeProvider, ROLES.controller],
      [2n, 'NodeProviderAdded', second, ROLES.controller],
    ]);
  });

  it('uses the params given', () => {
    const stores = emptyStores();
    expectOk(
      initRegistry(stores, ROLES.controller, T0, genesis({ params: { ...DEFAULT_PARAMS, max_worker_keys: 3 } })),
    );
    expect(readMeta(stores).params.max_worker_keys).toBe(3);
  });

  it.each([
    ['anonymous governance', genesis({ governance: ANONYMOUS }), 'InvalidInput'],
    ['queue equal to invitation', genesis({ queue: ROLES.invitationCanister }), 'InvalidInput'],
    ['anonymous node provider', genesis({ node_providers: [{ id: ANONYMOUS, display_name: 'A' }] }), 'InvalidInput'],
    [
      'empty display name',
      genesis({ node_providers: [{ id: ROLES.nodeProvider, display_name: ' ' }] }),
      'InvalidInput',
    ],
    [
      'long display name',
      genesis({ node_providers: [{ id: ROLES.nodeProvider, display_name: 'x'.repeat(65) }] }),
      'LimitExceeded',
    ],
    [
      'duplicate node provider',
      genesis({
        node_providers: [
          { id: ROLES.nodeProvider, display_name: 'A' },
          { id: ROLES.nodeProvider, display_name: 'B' },
        ],
      }),
      'InvalidInput',
    ],
    [
      'node provider is governance',
      genesis({ node_providers: [{ id: ROLES.governance, display_name: 'G' }] }),
      'InvalidInput',
    ],
    [
      'too many node providers',
      genesis({
        params: { ...DEFAULT_PARAMS, max_node_providers: 1 },
        node_providers: [
          { id: testPrincipal(41), display_name: 'A' },
          { id: testPrincipal(42), display_name: 'B' },
        ],
      }),
      'LimitExceeded',
    ],
    ['params out of range', genesis({ params: { ...DEFAULT_PARAMS, max_worker_keys: 65 } }), 'InvalidInput'],
  ] as const)('rejects %s and writes nothing', (_name, init, outcome) => {
    const stores = emptyStores();
    const before = snapshot(stores);
    expect(outcomeOf(initRegistry(stores, ROLES.controller, T0, init))).toBe(outcome);
    expect(snapshot(stores)).toEqual(before);
  });
});
