import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalNet } from '../../localnet/src/index.ts';
import { deployGatehouse, encodeInit, encodeUpgrade, startNet, type Gatehouse } from '../../test/support/deploy.ts';
import { ensureWasm, type CanisterName } from '../../test/support/wasm.ts';

/**
 * On mainnet the canisters are installed before the SNS that will govern them exists; an upgrade (by the
 * developer before the launch, by SNS root after it) points them at the SNS governance. The real wasm of each
 * canister on localnet: the new governance is obeyed and the old one refused; an argument that cannot be
 * governance, or an install argument, fails the upgrade and changes nothing; no argument changes nothing.
 */
describe('upgrades point the canisters at another SNS governance', () => {
  let net: LocalNet;
  let g: Gatehouse;
  let sns: Principal;
  const upgrade = (name: CanisterName, arg: Uint8Array) =>
    net.upgrade(g.ids[name], ensureWasm(name), arg, { caller: g.principals.controller });

  beforeAll(async () => {
    net = await startNet();
    g = await deployGatehouse(net);
    sns = await net.createCanister();
  }, 240_000);
  afterAll(() => net?.close());

  it('queue: set_params from the new governance; the old one is a stranger its inspect_message drops', async () => {
    const params = await g.queue().get_params();
    await upgrade('queue', encodeUpgrade.queue(sns));
    expect(await g.queue(sns).set_params(params)).toEqual({ Ok: null });
    await expect(g.queue('governance').set_params(params)).rejects.toThrow(/did not call ic0.accept_message/);
  });

  it('invitation: set_params from the new governance; the old one is a stranger its inspect_message drops', async () => {
    const expected = await g.invitation().get_params();
    const params = { ...expected, max_open_per_provider: expected.max_open_per_provider + 1 };
    await upgrade('invitation', encodeUpgrade.invitation(sns));
    await expect(g.invitation('governance').set_params({ expected, params })).rejects.toThrow(
      /did not call ic0.accept_message/,
    );
    expect(await g.invitation(sns).set_params({ expected, params })).toEqual({ Ok: null });
  });

  it('registry: the new governance in its config and the change in its event log, by the upgrading controller', async () => {
    await upgrade('registry', encodeUpgrade.registry(sns));
    expect((await g.registry().get_config()).governance.toText()).toBe(sns.toText());
    const { total } = unwrap(await g.registry().list_events({ offset: 0n, limit: 1n }));
    const last = unwrap(await g.registry().list_events({ offset: total - 1n, limit: 1n })).items[0]!;
    expect(last).toMatchObject({ kind: { GovernanceChanged: null }, proposal_id: [] });
    expect([last.subject.toText(), last.actor.toText()]).toEqual([sns.toText(), g.principals.controller.toText()]);
    const provider = { id: Principal.fromText('aaaaa-aa'), display_name: 'Not Applied' };
    await expect(g.registry('governance').add_node_provider(provider)).rejects.toThrow(
      /did not call ic0.accept_message/,
    );
  });

  it('an argument that cannot be governance, or an install argument, fails the upgrade and changes nothing', async () => {
    const anonymous = net.upgrade(g.ids.queue, ensureWasm('queue'), encodeUpgrade.queue(Principal.anonymous()), {
      caller: g.principals.controller,
    });
    await expect(anonymous).rejects.toThrow(/queue upgrade: .*anonymous/);
    const itself = upgrade('registry', encodeUpgrade.registry(g.ids.queue));
    await expect(itself).rejects.toThrow(/registry upgrade: .*is a Gatehouse canister/);
    const install = upgrade('queue', encodeInit.queue({ governance: sns, registry: g.ids.registry }));
    await expect(install).rejects.toThrow(/Init is for install only/);
    const params = await g.queue().get_params();
    expect(await g.queue(sns).set_params(params)).toEqual({ Ok: null });
    expect((await g.registry().get_config()).governance.toText()).toBe(sns.toText());
  });

  it('an upgrade without an argument (empty bytes, as an SNS proposal without one) keeps the governance', async () => {
    const { total } = unwrap(await g.registry().list_events({ offset: 0n, limit: 1n }));
    await upgrade('registry', new Uint8Array());
    await upgrade('queue', encodeUpgrade.queue());
    expect((await g.registry().get_config()).governance.toText()).toBe(sns.toText());
    expect(unwrap(await g.registry().list_events({ offset: 0n, limit: 1n })).total).toBe(total);
    expect(await g.queue(sns).set_params(await g.queue().get_params())).toEqual({ Ok: null });
  });
});

function unwrap<T>(result: { Ok: T } | { Err: unknown }): T {
  if ('Err' in result) throw new Error(JSON.stringify(result.Err));
  return result.Ok;
}
