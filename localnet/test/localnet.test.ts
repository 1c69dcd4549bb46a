import { gzipSync } from 'node:zlib';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet, RejectCode } from '../src/index.ts';
import { idlFactory, type Conformance } from './conformance-idl.ts';
import { conformanceWasm } from './fixture/build.ts';

const text = (s: string) => new Uint8Array(IDL.encode([IDL.Text], [s]));
const alice = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
const stranger = Principal.fromText('renrk-eyaaa-aaaaa-aaada-cai');

async function rejection(p: Promise<unknown>) {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallRejectedError);
  return (error as CallRejectedError).reject;
}

describe('localnet executing a real azle canister', () => {
  let wasm: Uint8Array;
  let net: LocalNet;
  let a: Principal;
  let b: Principal;
  let actorA: Conformance;
  let actorB: Conformance;

  beforeAll(async () => {
    wasm = conformanceWasm();
    // The meter stops a runaway message (2 B instructions here, 40 B on the IC); the wall-clock net is far behind it.
    net = await LocalNet.start({
      startTimeMs: Date.UTC(2025, 0, 1),
      messageTimeoutMs: 120_000,
      instructionLimits: { update: 2_000_000_000n },
    });
    a = await net.createCanister();
    b = await net.createCanister();
    await net.install(a, wasm, text('hello A'));
    await net.install(b, wasm, text('hello B'));
    actorA = net.actor<Conformance>(a, idlFactory);
    actorB = net.actor<Conformance>(b, idlFactory);
  });
  afterAll(() => net?.close());

  it('passes the init argument and answers queries and updates', async () => {
    expect(await actorA.greeting()).toBe('hello A');
    expect(await actorB.greeting()).toBe('hello B');
    expect(await actorA.incr('n', 5n)).toBe(5n);
    expect(await actorA.incr('n', 2n)).toBe(7n);
    expect(await actorA.get('n')).toBe(7n);
    expect(await actorB.get('n')).toBe(0n);
  });

  it('knows whether a canister runs exactly the given module bytes (what a redeploy leaves alone)', () => {
    expect(net.runsModule(a, wasm)).toBe(true);
    expect(net.runsModule(a, new Uint8Array(gzipSync(wasm)))).toBe(false); // the same code is another module
    expect(net.runsModule(a, wasm.subarray(0, wasm.length - 1))).toBe(false);
    expect(net.runsModule(stranger, wasm)).toBe(false); // no such canister
  });

  it('tells the canister who the caller is', async () => {
    const asAlice = net.actor<Conformance>(a, idlFactory, { caller: alice });
    expect((await asAlice.whoami()).toText()).toBe(alice.toText());
    expect((await actorA.whoami()).toText()).toBe('2vxsx-fae');
  });

  it('rolls back heap and stable memory when a message traps', async () => {
    const heapBefore = await actorA.heap();
    const reject = await rejection(actorA.incr_then_trap('n'));
    expect(reject.code).toBe(RejectCode.CANISTER_ERROR);
    expect(reject.errorCode).toBe('IC0503');
    expect(reject.message).toContain('deliberate trap after mutation');
    expect(await actorA.get('n')).toBe(7n);
    expect(await actorA.heap()).toBe(heapBefore);
  });

  it('discards every change a query makes', async () => {
    expect(await actorA.mutating_query('n')).toBe(8n);
    expect(await actorA.get('n')).toBe(7n);
    const heap = await actorA.heap();
    await actorA.mutating_query('n');
    expect(await actorA.heap()).toBe(heap);
  });

  it('rejects with the spec reject codes', async () => {
    const thrown = await rejection(actorA.reject_me());
    expect(thrown.code).toBe(RejectCode.CANISTER_ERROR);
    expect(thrown.message).toContain('rejected by canister code');

    const refused = await rejection(actorA.refused_by_inspect());
    expect(refused.code).toBe(RejectCode.CANISTER_REJECT);

    const missing = await net.update(a, 'no_such_method', new Uint8Array(IDL.encode([], [])));
    expect('reject' in missing && missing.reject.code).toBe(RejectCode.CANISTER_ERROR);

    const nowhere = await net.update(stranger, 'incr', text('x'));
    expect('reject' in nowhere && nowhere.reject.code).toBe(RejectCode.DESTINATION_INVALID);

    const queryAnUpdate = await net.query(a, 'incr', text('x'));
    expect('reject' in queryAnUpdate && queryAnUpdate.reject.code).toBe(RejectCode.CANISTER_ERROR);
  });

  it('keeps time frozen until advanced and fires timers when due', async () => {
    const t0 = await actorA.now();
    expect(t0).toBe(net.time);
    expect(await actorA.now()).toBe(t0);
    const firedBefore = await actorA.timer_fired();
    await actorA.schedule(10, 'timer');
    await net.advanceTime(9_000);
    expect(await actorA.timer_fired()).toBe(firedBefore);
    await net.advanceTime(1_000);
    expect(await actorA.timer_fired()).toBe(firedBefore + 1n);
    expect(await actorA.get('timer')).toBe(1n);
    expect(await actorA.now()).toBe(t0 + 10_000_000_000n);
  });

  it('makes inter-canister calls and propagates rejects', async () => {
    expect(await actorA.remote_incr(b, 'remote', 3n)).toBe(3n);
    expect(await actorB.get('remote')).toBe(3n);
    const answer = await actorA.remote_trap(b, 'remote');
    expect(answer).toMatch(/^rejected 5: .*deliberate trap after mutation/);
    expect(await actorB.get('remote')).toBe(3n);
    const unknown = await actorA.remote_trap(Principal.fromText('renrk-eyaaa-aaaaa-aaada-cai'), 'x');
    expect(answer).not.toBe(unknown);
    expect(unknown).toMatch(/^rejected 3: /);
  });

  it('serves raw_rand from the management canister', async () => {
    const one = await actorA.random();
    const two = await actorA.random();
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).not.toBe(two);
  });

  it('keeps stable data across an upgrade and resets the heap', async () => {
    expect(await actorB.incr('kept', 11n)).toBe(11n);
    expect(await actorB.heap()).toBeGreaterThan(0n);
    await net.upgrade(b, wasm, text('upgraded B'));
    expect(await actorB.get('kept')).toBe(11n);
    expect(await actorB.get('upgrades')).toBe(1n);
    expect(await actorB.greeting()).toBe('upgraded B');
    expect(await actorB.heap()).toBe(0n);
  });

  it('rolls a failed upgrade back whole', async () => {
    await actorB.incr('heap', 1n);
    const heap = await actorB.heap();
    const post = await rejection(net.upgrade(b, wasm, text('fail')));
    expect(post.code).toBe(RejectCode.CANISTER_ERROR);
    expect(post.message).toContain('post_upgrade refused');
    expect(await actorB.greeting()).toBe('upgraded B');
    expect(await actorB.get('upgrades')).toBe(1n);
    expect(await actorB.heap()).toBe(heap);

    await actorB.set_meta('yes');
    const pre = await rejection(net.upgrade(b, wasm, text('never')));
    expect(pre.message).toContain('pre_upgrade refused');
    expect(await actorB.get('upgrades')).toBe(1n);
    expect(await actorB.greeting()).toBe('upgraded B');
    await actorB.set_meta('no');
  });

  it('traps a message that runs too long and keeps the committed state', async () => {
    const before = await actorA.get('n');
    const reject = await rejection(actorA.spin());
    expect(reject.code).toBe(RejectCode.CANISTER_ERROR);
    expect(reject.errorCode).toBe('IC0522');
    expect(reject.message).toContain('Canister exceeded the limit of 2000000000 instructions');
    expect(await actorA.get('n')).toBe(before);
    expect(await actorA.incr('n', 1n)).toBe(before + 1n);
    expect(await actorA.greeting()).toBe('hello A');
  });

  it('rejects calls to a stopped canister and serves them again once started', async () => {
    await net.stopCanister(b);
    expect(net.info(b).status).toBe('stopped');
    const update = await rejection(actorB.incr('x', 1n));
    expect(update.code).toBe(RejectCode.CANISTER_ERROR);
    expect(update.message).toContain('is stopped');
    const query = await rejection(actorB.get('x'));
    expect(query.code).toBe(RejectCode.CANISTER_ERROR);
    expect(await actorA.remote_trap(b, 'x')).toMatch(/^rejected 5: .*is stopped/);
    await net.startCanister(b);
    expect(await actorB.get('kept')).toBe(11n);
  });

  it('enforces controllers on the management canister', async () => {
    const reject = await rejection(net.upgrade(a, wasm, text('x'), { caller: stranger }));
    expect(reject.code).toBe(RejectCode.CANISTER_ERROR);
    expect(reject.message).toContain('not a controller');
    await net.setControllers(a, [alice]);
    expect(net.info(a).controllers).toEqual([alice.toText()]);
    const status = await net.canisterStatus(a, { caller: alice });
    expect(status.status).toEqual({ running: null });
    await rejection(net.canisterStatus(a, { caller: Principal.anonymous() }));
  });
});
