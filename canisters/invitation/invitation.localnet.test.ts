/**
 * The built invitation wasm on the local network, with the real registry canister: the azle glue
 * (decoding, caller, registry calls, the registry's node-provider push, inspect_message, governance trap,
 * stable storage across upgrade) that unit tests of the domain cannot reach. SNS governance is played by a
 * principal; get_proposal is not covered.
 */
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import type { Execution } from '../../localnet/src/network.ts';
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
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), onExecuted: (e) => executed.push(e) });
    registry = await net.createCanister();
    invitation = await net.createCanister();
    const registryInit = encodeInit.registry({
      governance: p(ROLES.governance),
      invitation,
      queue: p(ROLES.queueCanister),
      nodeProviders: [{ id: p(ROLES.nodeProvider), display_name: 'Genesis NP' }],
    });
    // The invitation first: the registry's init pushes it the node providers.
    await net.install(
      invitation,
      wasm,
      encodeInit.invitation({ governance: p(ROLES.governance), registry, admitFunctionId: 1001n }),
    );
    await net.install(registry, registryWasm, registryInit);
    await net.tick(); // the registry's first node-provider push, so traces below see only their own messages
  }, 180_000);

  const executed: Execution[] = [];
  /** What ran while `action` did: each message's canister (registry/invitation), kind, method and calls made. */
  async function trace(action: () => Promise<unknown>): Promise<string[]> {
    executed.length = 0;
    await action().catch((error: unknown) => error);
    const name = (id: string) =>
      id === registry.toText() ? 'registry' : id === invitation.toText() ? 'invitation' : id;
    return executed.map((e) => `${name(e.canister)} ${e.kind} ${e.method} calls=${e.callBytes.length}`);
  }
  const refusedByInspect = (error: unknown) =>
    error instanceof CallRejectedError && error.reject.errorCode === 'IC0406';

  it("a stranger's nominate is dropped by inspect_message: no execution, no call to the registry", async () => {
    for (const who of [ROLES.stranger, ROLES.anonymous, ROLES.governance]) {
      let error: unknown;
      const ran = await trace(() =>
        as(who)
          .nominate(input)
          .catch((e: unknown) => (error = e)),
      );
      expect(refusedByInspect(error)).toBe(true);
      expect(ran).toEqual(['invitation F nominate calls=0']);
    }
    const ran = await trace(() =>
      as(ROLES.stranger)
        .withdraw(1n)
        .catch(() => undefined),
    );
    expect(ran).toEqual(['invitation F withdraw calls=0']);
  });

  it('lets a node provider nominate (the candidate checked by the registry)', async () => {
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
    expect(await as(ROLES.anonymous).validate_admit({ nomination_id: 1n }).catch(refusedByInspect)).toBe(true);
  });

  it('admit: a stranger is dropped by inspect_message; governance admits through the registry; a repeat traps', async () => {
    expect(await as(ROLES.stranger).admit({ nomination_id: 1n }).catch(refusedByInspect)).toBe(true);
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

  it('the registry pushes its node providers: an added one may nominate, a removed one may not', async () => {
    const otto = testPrincipal(60);
    const registryAs = (who: string) => as(who, registry, registryFactory);
    const ran = await trace(() =>
      registryAs(ROLES.governance).add_node_provider({ id: p(otto), display_name: 'Otto' }),
    );
    expect(ran).toContain('invitation U apply_node_providers calls=0');
    const other = { ...input, candidate: p(testPrincipal(104)) };
    const nominated = await as(otto).nominate(other);
    expect(nominated.Ok.nominator.toText()).toBe(otto);
    expect(await as(otto).withdraw(nominated.Ok.id)).toEqual({ Ok: null });
    expect(await registryAs(ROLES.governance).remove_node_provider({ id: p(otto), reason: 'retired' })).toEqual({
      Ok: null,
    });
    expect(await as(otto).nominate(other).catch(refusedByInspect)).toBe(true);
  });
  afterAll(() => net?.close());
});
