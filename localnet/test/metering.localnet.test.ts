/**
 * Instruction metering: the count of a hand-assembled loop equals the sum the replica's cost table gives, the
 * counter reaches azle's ic0.performance_counter, and the IC's per-message limits trap with the replica's error.
 */
import { IDL } from '@dfinity/candid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNet, RejectCode } from '../src/index.ts';
import { COUNTER_EXPORT, instrument } from '../src/metering.ts';
import { CallRejectedError } from '../src/reject.ts';
import { Wasm, type WasmGlobal } from '../src/wasm-api.ts';
import { idlFactory, type Conformance } from './conformance-idl.ts';
import { conformanceWasm } from './fixture/build.ts';

/** (func (export "run") (param $n i32) (local $i i32): while i < n: i += 1 — in wasm bytes. */
function loopModule(): Uint8Array {
  const body = [
    0x01,
    0x01,
    0x7f, // one local i32
    0x02,
    0x40, // block
    0x03,
    0x40, // loop
    0x20,
    0x01,
    0x20,
    0x00,
    0x4f,
    0x0d,
    0x01, // local.get i; local.get n; i32.ge_u; br_if 1   (1+1+1+2 = 5)
    0x20,
    0x01,
    0x41,
    0x01,
    0x6a,
    0x21,
    0x01,
    0x0c,
    0x00, // i = i + 1; br 0            (1+1+1+1+2 = 6)
    0x0b,
    0x0b,
    0x0b, // end loop, end block, end func
  ];
  const section = (id: number, payload: number[]) => [id, payload.length, ...payload];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // type (i32) -> ()
    ...section(3, [1, 0]),
    ...section(7, [1, 3, 0x72, 0x75, 0x6e, 0x00, 0x00]), // export "run" func 0
    ...section(10, [1, body.length, ...body]),
  ]);
}

describe('instruction metering (the instrumented module)', () => {
  it('counts 11 n + 5 for n loop iterations, as the replica cost table sums it', async () => {
    const instance = new Wasm.Instance(await Wasm.compile(instrument(loopModule())), {});
    const counter = instance.exports[COUNTER_EXPORT] as WasmGlobal;
    const run = instance.exports.run as (n: number) => void;
    for (const n of [0, 10, 1000]) {
      counter.value = 1_000_000n;
      run(n);
      expect(1_000_000n - (counter.value as bigint)).toBe(BigInt(11 * n + 5));
    }
  });

  it('traps at a loop header once the counter is negative', async () => {
    const instance = new Wasm.Instance(await Wasm.compile(instrument(loopModule())), {});
    const counter = instance.exports[COUNTER_EXPORT] as WasmGlobal;
    counter.value = 1_000n;
    expect(() => (instance.exports.run as (n: number) => void)(1_000_000)).toThrow(/unreachable/);
    expect(counter.value as bigint).toBeLessThan(0n);
  });
});

describe('instruction metering in localnet (azle wasm)', () => {
  let net: LocalNet;
  let actor: Conformance;
  const limits = { update: 2_000_000_000n, query: 1_000_000_000n };

  beforeAll(async () => {
    net = await LocalNet.start({ instructionLimits: limits, messageTimeoutMs: 120_000 });
    const id = await net.createCanister();
    await net.install(id, conformanceWasm(), new Uint8Array(IDL.encode([IDL.Text], ['metered'])));
    actor = net.actor<Conformance>(id, idlFactory);
  }, 180_000);
  afterAll(() => net?.close());

  it('ic0.performance_counter returns the instructions counted so far, growing with the work done', async () => {
    const small = await actor.work(10);
    const large = await actor.work(100_000);
    expect(small).toBeGreaterThan(1_000n); // azle's Candid decoding alone is thousands of instructions
    expect(large).toBeGreaterThan(small + 1_000_000n); // at least 10 instructions per interpreted iteration
  });

  it('an update past its limit traps with the replica error (IC0522) and the canister keeps its state', async () => {
    const before = await actor.get('n');
    const error = await actor.spin().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CallRejectedError);
    const reject = (error as CallRejectedError).reject;
    expect(reject.code).toBe(RejectCode.CANISTER_ERROR);
    expect(reject.errorCode).toBe('IC0522');
    expect(reject.message).toContain(`Canister exceeded the limit of ${limits.update} instructions`);
    expect(net.info(net.canisterIds()[0]!).restarts).toBe(0); // the meter stopped it, not the wall-clock net
    expect(await actor.get('n')).toBe(before);
    expect(await actor.incr('n', 1n)).toBe(before + 1n);
  });

  it('a query has the query limit', async () => {
    const error = await actor.work(2_000_000_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as CallRejectedError).reject.message).toContain(
      `Canister exceeded the limit of ${limits.query} instructions`,
    );
  });
});

describe('the wall-clock safety net behind the meter', () => {
  it('kills a message that runs longer than messageTimeoutMs, restarts the worker, and the state is kept', async () => {
    // A limit no message reaches in 15 s (at ~3 G instructions/s the IC's 40 B would win the race).
    const net = await LocalNet.start({ messageTimeoutMs: 15_000, instructionLimits: { update: 10n ** 15n } });
    try {
      const id = await net.createCanister();
      await net.install(id, conformanceWasm(), new Uint8Array(IDL.encode([IDL.Text], ['watchdog'])));
      const actor = net.actor<Conformance>(id, idlFactory);
      await actor.incr('n', 5n);
      const error = (await actor.spin().then(
        () => undefined,
        (e: unknown) => e,
      )) as CallRejectedError;
      expect(error.reject.errorCode).toBe('IC0522');
      expect(net.info(id).restarts).toBe(1);
      expect(await actor.get('n')).toBe(5n);
    } finally {
      await net.close();
    }
  }, 120_000);
});
