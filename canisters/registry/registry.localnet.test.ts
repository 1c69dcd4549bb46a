import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import { encodeInit as encode, encodeUpgrade } from '../../test/support/deploy.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { idlFactory as queueIdlFactory } from '../queue/interface.ts';
import { ROLES } from '../shared/testing/roles.ts';
import { idlFactory, type Contributor, type Role, type Stats } from './interface.ts';

/**
 * The built registry wasm on localnet: what the unit tests cannot show — Candid decoding, traps
 * rolling back, stable memory surviving an upgrade, the push timer failing without losing updates.
 */
const p = (text: string) => Principal.fromText(text);

type Actor = Record<string, (...args: unknown[]) => Promise<any>>;

/** Dropped by canister_inspect_message before the method ran (its own checks are in the domain tests). */
const refusedByInspect = (error: unknown) => error instanceof CallRejectedError && error.reject.errorCode === 'IC0406';

const encodeInit = (queue: Principal, nodeProviderName = 'Nora') =>
  encode.registry({
    governance: p(ROLES.governance),
    invitation: p(ROLES.invitationCanister),
    queue,
    nodeProviders: [{ id: p(ROLES.nodeProvider), display_name: nodeProviderName }],
  });

describe('registry canister on localnet', () => {
  let net: LocalNet;
  let id: Principal;
  let wasm: Uint8Array;
  const as = (caller: string): Actor => net.actor<Actor>(id, idlFactory as never, { caller: p(caller) });

  beforeAll(async () => {
    wasm = ensureWasm('registry');
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000 });
    id = await net.createCanister();
    // The queue is a canister id with no code: every push is rejected.
    await net.install(id, wasm, encodeInit(await net.createCanister()));
  });
  afterAll(() => net?.close());

  it('traps on bad init args', async () => {
    const other = await net.createCanister();
    await expect(net.install(other, wasm, encodeInit(p(ROLES.queueCanister), ''))).rejects.toThrow(
      /display_name must not be empty/,
    );
  });

  it('admits via the invitation canister only, and binds a worker key', async () => {
    const args = {
      contributor: p(ROLES.contributor),
      display_name: 'Carol',
      sponsor: p(ROLES.nodeProvider),
      proposal_id: 7n,
      hardware: { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu' },
      models: ['llama'],
    };
    await expect(as(ROLES.stranger).admit_contributor(args)).rejects.toSatisfy(refusedByInspect);
    const admitted = (await as(ROLES.invitationCanister).admit_contributor(args)) as { Ok: Contributor };
    expect(admitted.Ok.status).toEqual({ Active: null });
    expect(await as(ROLES.contributor).offer_worker_key(p(ROLES.worker))).toEqual({ Ok: null });
    expect(await as(ROLES.worker).accept_worker_key(p(ROLES.contributor))).toEqual({ Ok: null });
    const role = (await as(ROLES.stranger).role_of(p(ROLES.worker))) as Role;
    expect('Worker' in role && role.Worker.active).toBe(true);
  });

  it('validators render text; a governance call that cannot be applied traps and changes nothing', async () => {
    const decision = { contributor: p(ROLES.stranger), reason: 'r' };
    expect(await as(ROLES.governance).validate_suspend_contributor(decision)).toEqual({
      Err: expect.stringMatching(/^NotFound/),
    });
    expect(await as(ROLES.stranger).validate_suspend_contributor(decision)).toEqual({
      Err: expect.stringMatching(/^NotFound/),
    });
    await expect(as(ROLES.anonymous).validate_suspend_contributor(decision)).rejects.toSatisfy(refusedByInspect);
    await expect(as(ROLES.stranger).suspend_contributor(decision)).rejects.toSatisfy(refusedByInspect);
    const events = ((await as(ROLES.stranger).stats()) as Stats).events;
    await expect(as(ROLES.governance).suspend_contributor(decision)).rejects.toBeInstanceOf(CallRejectedError);
    expect(((await as(ROLES.stranger).stats()) as Stats).events).toBe(events);
    expect(
      await as(ROLES.governance).suspend_contributor({ contributor: p(ROLES.contributor), reason: 'late' }),
    ).toEqual({ Ok: null });
  });

  it('keeps membership updates while the queue rejects them, across timer runs and an upgrade', async () => {
    await net.advanceTime(61_000);
    const before = (await as(ROLES.stranger).stats()) as Stats;
    expect(before.pending_membership_updates).toBe(2n);
    await net.install(id, wasm, encodeUpgrade.registry(), { mode: 'upgrade' });
    const after = (await as(ROLES.stranger).stats()) as Stats;
    expect(after).toEqual(before);
    const contributor = (await as(ROLES.stranger).get_contributor(p(ROLES.contributor))) as [Contributor];
    expect(contributor[0].status).toEqual({ Suspended: null });
  });
});

describe('registry pushing membership to the queue on localnet', () => {
  let net: LocalNet;
  let registry: Principal;
  let queue: Principal;
  const as = (caller: string): Actor => net.actor<Actor>(registry, idlFactory as never, { caller: p(caller) });
  const queueActor = (): Actor => net.actor<Actor>(queue, queueIdlFactory as never);

  beforeAll(async () => {
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000 });
    registry = await net.createCanister();
    queue = await net.createCanister();
    await net.install(registry, ensureWasm('registry'), encodeInit(queue));
    await net.install(queue, ensureWasm('queue'), encode.queue({ governance: p(ROLES.governance), registry }));
    await as(ROLES.invitationCanister).admit_contributor({
      contributor: p(ROLES.contributor),
      display_name: 'Carol',
      sponsor: p(ROLES.nodeProvider),
      proposal_id: 7n,
      hardware: { gpu: '', vram_gib: 0, ram_gib: 8, cpu_cores: 4, region: 'eu' },
      models: ['llama'],
    });
  });
  afterAll(() => net?.close());

  const workerActive = async () =>
    ((await queueActor().get_worker(p(ROLES.worker))) as Array<{ active: boolean }>)[0]?.active;

  it('a bind reaches the queue right after the call, a suspension turns the worker off', async () => {
    expect(await as(ROLES.contributor).offer_worker_key(p(ROLES.worker))).toEqual({ Ok: null });
    expect(await as(ROLES.worker).accept_worker_key(p(ROLES.contributor))).toEqual({ Ok: null });
    await net.advanceTime(1_000);
    expect(await workerActive()).toBe(true);
    expect(
      await as(ROLES.governance).suspend_contributor({ contributor: p(ROLES.contributor), reason: 'late' }),
    ).toEqual({ Ok: null });
    await net.advanceTime(1_000);
    expect(await workerActive()).toBe(false);
    expect(((await as(ROLES.stranger).stats()) as Stats).pending_membership_updates).toBe(0n);
  });
});
