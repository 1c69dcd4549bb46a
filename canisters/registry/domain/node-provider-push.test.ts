import { describe, expect, it } from 'vitest';

import { applyNodeProviders, knownNodeProvider, MAX_NODE_PROVIDERS } from '../../invitation/domain/node-providers.ts';
import type { InvitationStores } from '../../invitation/domain/stores.ts';
import { memoryStores as invitationStores } from '../../invitation/domain/testing.ts';
import { initialize } from '../../invitation/domain/init.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { expectOk, T0, world } from '../testing/world.ts';
import { executeAction } from './governance-action.ts';
import { NODE_PROVIDERS_REFRESH_NS, nodeProvidersPushDue, pushNodeProviders } from './node-provider-push.ts';
import { addNodeProvider, removeNodeProvider } from './node-providers.ts';
import type { RegistryStores } from './stores.ts';

function newInvitation(): InvitationStores {
  const stores = invitationStores();
  expectOk(
    initialize(
      stores,
      { governance: ROLES.governance, registry: ROLES.registryCanister, admit_function_id: 1001n },
      undefined,
    ),
  );
  return stores;
}

/** The real invitation domain behind the call; `down` makes the call fail as a stopped canister's would. */
function link(invitation = newInvitation()) {
  const net = {
    invitation,
    calls: 0,
    down: false,
    send: async (set: { version: bigint; node_providers: string[] }) => {
      net.calls += 1;
      if (net.down) throw new Error('canister stopped');
      return applyNodeProviders(net.invitation, ROLES.registryCanister, structuredClone(set));
    },
  };
  return net;
}

const governed = <P>(stores: RegistryStores, action: Parameters<typeof executeAction<P>>[0], payload: P) =>
  expectOk(executeAction(action, stores, ROLES.governance, T0, payload));

describe('node-provider push (registry -> invitation)', () => {
  it('delivers the genesis set, then is not due until the set changes', async () => {
    const stores = world();
    const net = link();
    expect(nodeProvidersPushDue(stores, T0)).toBe(true);
    expect(await pushNodeProviders(stores, net.send, T0)).toBeUndefined();
    expect(knownNodeProvider(net.invitation, ROLES.nodeProvider)).toBe(true);
    expect(knownNodeProvider(net.invitation, ROLES.stranger)).toBe(false);
    expect(nodeProvidersPushDue(stores, T0 + 1n)).toBe(false);

    const added = testPrincipal(300);
    governed(stores, addNodeProvider, { id: added, display_name: 'Otto' });
    expect(nodeProvidersPushDue(stores, T0 + 1n)).toBe(true);
    expect(await pushNodeProviders(stores, net.send, T0 + 1n)).toBeUndefined();
    expect(knownNodeProvider(net.invitation, added)).toBe(true);

    governed(stores, removeNodeProvider, { id: ROLES.nodeProvider, reason: 'retired' });
    expect(await pushNodeProviders(stores, net.send, T0 + 2n)).toBeUndefined();
    expect(knownNodeProvider(net.invitation, ROLES.nodeProvider)).toBe(false);
    expect(net.invitation.nodeProviders.size()).toBe(1);
  });

  it('a failed push stays due, and one delivered push repairs any number of lost ones', async () => {
    const stores = world();
    const net = link();
    net.down = true;
    const added = [testPrincipal(301), testPrincipal(302)];
    for (const id of added) {
      governed(stores, addNodeProvider, { id, display_name: 'New NP' });
      expect(await pushNodeProviders(stores, net.send, T0)).toMatch(/call failed: canister stopped/);
    }
    expect(nodeProvidersPushDue(stores, T0)).toBe(true);
    net.down = false;
    expect(await pushNodeProviders(stores, net.send, T0)).toBeUndefined();
    expect(added.every((id) => knownNodeProvider(net.invitation, id))).toBe(true);
    expect(nodeProvidersPushDue(stores, T0)).toBe(false);
  });

  it('sends again after the refresh period, so a reinstalled invitation learns the set', async () => {
    const stores = world();
    const net = link();
    await pushNodeProviders(stores, net.send, T0);
    net.invitation = newInvitation();
    expect(nodeProvidersPushDue(stores, T0 + NODE_PROVIDERS_REFRESH_NS - 1n)).toBe(false);
    expect(nodeProvidersPushDue(stores, T0 + NODE_PROVIDERS_REFRESH_NS)).toBe(true);
    await pushNodeProviders(stores, net.send, T0 + NODE_PROVIDERS_REFRESH_NS);
    expect(knownNodeProvider(net.invitation, ROLES.nodeProvider)).toBe(true);
  });

  it('the invitation takes the set only from the registry, bounded and with storable principals', () => {
    const invitation = newInvitation();
    const set = { version: 1n, node_providers: [ROLES.nodeProvider] };
    expect(applyNodeProviders(invitation, ROLES.stranger, set)).toEqual({
      Err: { Unauthorized: 'only the registry canister can call this method' },
    });
    const tooMany = Array.from({ length: MAX_NODE_PROVIDERS + 1 }, (_, i) => testPrincipal(1_000 + i));
    expect(applyNodeProviders(invitation, ROLES.registryCanister, { version: 2n, node_providers: tooMany })).toEqual({
      Err: { LimitExceeded: expect.stringMatching(/node_providers/) },
    });
    expect(
      'Err' in applyNodeProviders(invitation, ROLES.registryCanister, { version: 2n, node_providers: ['2vxsx-fae'] }),
    ).toBe(true);
    expect(invitation.nodeProviders.size()).toBe(0);
    expect(applyNodeProviders(invitation, ROLES.registryCanister, set)).toEqual({ Ok: 1n });
  });
});
