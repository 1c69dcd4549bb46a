/**
 * The built invitation wasm on the local network, with the real registry canister: the azle glue
 * (decoding, caller, registry calls, governance trap, stable storage across upgrade) that unit tests
 * of the domain cannot reach. SNS governance is played by a principal; get_proposal is not covered.
 */
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import { encodeInit, encodeUpgrade } from '../../test/support/deploy.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { idlFactory as registryFactory } from '../registry/interface.ts';
import { ROLES, testPrincipal } from '../shared/testing/roles.ts';
import { idlFactory } from './interface.ts';

const p = (text: string) => Principal.fromText(text);

type Actor = Record<string, (...args: any[]) => Promise<any>>;

describe('invitation canister on localnet with the registry', () => {
  let net: LocalNet;
  let invitation: Principal;
  let registry: Principal;
  let wasm: Uint8Array;
  const as = (who: string, id = invitation, factory = idlFactory): Actor =>
    net.actor<Actor>(id, factory, { caller: p(who) });
  const candidate = testPrincipal(101);
  const input = {
    candidate: p(candidate),
    display_name: 'Ada Lovelace Labs',
    motivation: 'Serves LLM jobs.',
    hardware: { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu-central' },
    models: ['llama-3.1-8b-q4'],
  };

  beforeAll(async () => {
    const registryWasm = ensureWasm('registry');
    wasm = ensureWasm('invitation');
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1) });
    registry = await net.createCanister();
    invitation = await net.createCanister();
    const registryInit = encodeInit.registry({
      governance: p(ROLES.governance),
      invitation,
      queue: p(ROLES.queueCanister),
      nodeProviders: [{ id: p(ROLES.nodeProvider), display_name: 'Genesis NP' }],
    });
    await net.install(registry, registryWasm, registryInit);
    await net.install(
      invitation,
      wasm,
      encodeInit.invitation({ governance: p(ROLES.governance), registry, admitFunctionId: 1001n }),
    );
  }, 180_000);
  afterAll(() => net?.close());

  it('lets a node provider nominate (roles come from the registry) and refuses others', async () => {
    expect(await as(ROLES.stranger).nominate(input)).toEqual({
      Err: { Unauthorized: 'only node providers can nominate' },
    });
    const created = await as(ROLES.nodeProvider).nominate(input);
    expect(created.Ok).toMatchObject({
      id: 1n,
      status: { Open: null },
      proposal_id: [],
      display_name: 'Ada Lovelace Labs',
    });
    expect(created.Ok.candidate.toText()).toBe(candidate);
    expect(created.Ok.created_at).toBe(net.time);
  });

  it('validates the admit payload with a readable rendering; anonymous callers get no answer', async () => {
    const validation = await as(ROLES.governance).validate_admit({ nomination_id: 1n });
    expect(validation.Ok).toContain(`"Ada Lovelace Labs" (${candidate})`);
    expect(await as(ROLES.governance).validate_admit({ nomination_id: 9n })).toEqual({
      Err: 'NotFound: no nomination 9',
    });
    expect(await as(ROLES.anonymous).validate_admit({ nomination_id: 1n })).toEqual({
      Err: 'Unauthorized: anonymous callers cannot ask a validator',
    });
  });

  it('admit: a stranger gets Err; governance admits through the registry; a repeat traps', async () => {
    expect(await as(ROLES.stranger).admit({ nomination_id: 1n })).toEqual({
      Err: { Unauthorized: 'only SNS governance can call this method' },
    });
    const admitted = await as(ROLES.governance).admit({ nomination_id: 1n });
    expect(admitted.Ok.toText()).toBe(candidate);
    const role = await as(ROLES.stranger, registry, registryFactory).role_of(p(candidate));
    expect(role).toEqual({ Contributor: { Active: null } });
    await expect(as(ROLES.governance).admit({ nomination_id: 1n })).rejects.toBeInstanceOf(CallRejectedError);
    expect((await as(ROLES.stranger).get_nomination(1n))[0].status).toEqual({ Admitted: null });
  });

  it('set_params traps for governance with invalid params and keeps state across an upgrade', async () => {
    const params = await as(ROLES.stranger).get_params();
    await expect(
      as(ROLES.governance).set_params({ expected: params, params: { ...params, max_models: 0 } }),
    ).rejects.toBeInstanceOf(CallRejectedError);
    const changed = { ...params, max_open_per_provider: 5 };
    expect(await as(ROLES.governance).set_params({ expected: params, params: changed })).toEqual({ Ok: null });
    // A second proposal made from the same old params would revert the first: it traps instead.
    await expect(
      as(ROLES.governance).set_params({ expected: params, params: { ...params, max_models: 20 } }),
    ).rejects.toBeInstanceOf(CallRejectedError);
    await net.upgrade(invitation, wasm, encodeUpgrade.invitation());
    expect((await as(ROLES.stranger).get_params()).max_open_per_provider).toBe(5);
    expect(await as(ROLES.stranger).stats()).toMatchObject({ total: 1n, admitted: 1n, open: 0n });
  });

  it('answers Unavailable and stores nothing when the registry is stopped', async () => {
    await net.stopCanister(registry);
    const result = await as(ROLES.nodeProvider).nominate({ ...input, candidate: p(testPrincipal(102)) });
    expect(Object.keys(result.Err)).toEqual(['Unavailable']);
    expect((await as(ROLES.stranger).stats()).total).toBe(1n);
    await net.startCanister(registry);
  });

  it('the reconcile timer (restarted after the upgrade) expires an unlinked nomination past its TTL', async () => {
    const created = await as(ROLES.nodeProvider).nominate({ ...input, candidate: p(testPrincipal(103)) });
    const id = created.Ok.id as bigint;
    await net.advanceTime(15 * 24 * 3600 * 1000);
    const [nomination] = await as(ROLES.stranger).get_nomination(id);
    expect(nomination.status).toEqual({ Expired: null });
    expect((await as(ROLES.stranger).stats()).last_reconcile_at).toBeGreaterThan(created.Ok.expires_at);
  });
});
