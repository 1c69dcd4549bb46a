import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@icp-sdk/core/principal';

import { emptyArgs, LocalNet, MANAGEMENT, RejectCode, type CallResult } from '../src/index.ts';
import { tinyWasm } from './fixture/tiny-wasm.ts';

const none = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);

function rejected(r: CallResult) {
  if (!('reject' in r)) throw new Error('expected a reject, got a reply');
  return r.reject;
}

describe('System API restrictions (hand-assembled module)', () => {
  let net: LocalNet;
  let id: Principal;

  beforeAll(async () => {
    net = await LocalNet.start();
    id = await net.createCanister();
    await net.install(id, tinyWasm());
  });
  afterAll(() => net?.close());

  it('traps on a second reply', async () => {
    const r = rejected(await net.update(id, 'double_reply', none));
    expect(r.code).toBe(RejectCode.CANISTER_ERROR);
    expect(r.message).toContain('msg_reply');
  });

  it('traps when a query tries to call another canister', async () => {
    const r = rejected(await net.query(id, 'query_calls', none));
    expect(r.code).toBe(RejectCode.CANISTER_ERROR);
    expect(r.message).toContain('"ic0.call_new" cannot be executed in non-replicated query mode');
  });

  it('rejects with CANISTER_ERROR when the canister does not reply', async () => {
    const r = rejected(await net.update(id, 'no_reply', none));
    expect(r).toMatchObject({ code: RejectCode.CANISTER_ERROR, errorCode: 'IC0506' });
  });

  it('delivers msg_reject as CANISTER_REJECT with its message', async () => {
    expect(rejected(await net.update(id, 'reject', none))).toEqual({
      code: RejectCode.CANISTER_REJECT,
      message: 'nope',
    });
  });

  it('discards a reply made before a trap', async () => {
    const r = rejected(await net.update(id, 'reply_then_trap', none));
    expect(r.code).toBe(RejectCode.CANISTER_ERROR);
    expect(r.message).toContain('unreachable');
  });

  it('does not let a rejected call be replied to as well', async () => {
    expect(rejected(await net.update(id, 'reject_then_reply', none)).code).toBe(RejectCode.CANISTER_ERROR);
  });

  it('drops the calls of a message that traps', async () => {
    const r = rejected(await net.update(id, 'call_then_trap', none));
    expect(r.code).toBe(RejectCode.CANISTER_ERROR);
    // Had the call to the (empty) callee id gone out, the context would stay open until its reject came back.
    expect(net.info(id).status).toBe('running');
    await net.stopCanister(id);
    expect(net.info(id).status).toBe('stopped');
  });

  it('refuses ingress to management methods only canisters may call', async () => {
    for (const method of ['raw_rand', 'create_canister', 'deposit_cycles']) {
      const r = rejected(await net.update(MANAGEMENT, method, emptyArgs()));
      expect(r.code).toBe(RejectCode.CANISTER_REJECT);
      expect(r.message).toContain(`Only canisters can call ic00 method ${method}`);
    }
  });
});
