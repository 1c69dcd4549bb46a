/**
 * What the review of the HTTP layer asked for, with hand-built signed envelopes: at-most-once by request id,
 * request_status read only through its own effective canister and within delegation targets, the 2 MiB ingress
 * limit, expiry windows for anonymous reads, exact nanosecond time, and an owner-only state file.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Cbor, requestIdOf, type SignIdentity } from '@icp-sdk/core/agent';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../src/http/server.ts';
import { LocalNet } from '../../src/localnet.ts';
import { openStateDir } from '../../src/state-dir.ts';
import { idlFactory, type Conformance } from '../conformance-idl.ts';
import { conformanceWasm } from '../fixture/build.ts';

const START_MS = 1_796_145_522_284;
let net: LocalNet;
let server: LocalNetHttpServer;
let a: Principal;
let b: Principal;
const alice = Ed25519KeyIdentity.generate();
const minutes = (n: number) => BigInt(n) * 60_000_000_000n;

/** A request envelope, signed by `identity` (unsigned for the anonymous sender unless `signer` is given). */
async function envelope(
  content: Record<string, unknown>,
  identity: SignIdentity | undefined,
): Promise<{ body: Uint8Array; requestId: Uint8Array }> {
  const requestId = requestIdOf(content);
  if (!identity) return { body: Cbor.encode({ content }), requestId };
  const signed = (await identity.transformRequest({ endpoint: 'call', body: content, request: {} } as never)) as {
    body: unknown;
  };
  return { body: Cbor.encode(signed.body), requestId };
}

function callContent(sender: Principal, canister: Principal, method: string, arg: Uint8Array, expiry?: bigint) {
  return {
    request_type: 'call',
    canister_id: canister.toUint8Array(),
    method_name: method,
    arg,
    sender: sender.toUint8Array(),
    ingress_expiry: expiry ?? net.time + minutes(4),
  };
}

async function post(path: string, body: Uint8Array): Promise<{ status: number; body: Uint8Array }> {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/cbor' },
    body: Buffer.from(body),
  });
  return { status: r.status, body: new Uint8Array(await r.arrayBuffer()) };
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const arg = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));

beforeAll(async () => {
  net = await LocalNet.start({ startTimeMs: START_MS });
  server = await LocalNetHttpServer.start(net, { port: 0, realTime: false });
  const wasm = conformanceWasm();
  a = await net.createCanister();
  b = await net.createCanister();
  for (const id of [a, b]) await net.install(id, wasm, arg([IDL.Text], ['review']));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await net?.close();
});

describe('HTTP layer review', () => {
  it('executes two identical signed calls arriving together once (at most once by request id)', async () => {
    const { body } = await envelope(
      callContent(alice.getPrincipal(), a, 'incr', arg([IDL.Text, IDL.Nat64], ['once', 1n])),
      alice,
    );
    const [first, second] = await Promise.all([
      post(`/api/v3/canister/${a}/call`, body),
      post(`/api/v3/canister/${a}/call`, body),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await net.actor<Conformance>(a, idlFactory).get('once')).toBe(1n);
  });

  it('reads a request status only through its own effective canister and within the delegation targets', async () => {
    const content = callContent(alice.getPrincipal(), a, 'incr', arg([IDL.Text, IDL.Nat64], ['status', 1n]));
    const { body, requestId } = await envelope(content, alice);
    expect((await post(`/api/v3/canister/${a}/call`, body)).status).toBe(200);
    const read = (sender: SignIdentity) =>
      envelope(
        {
          request_type: 'read_state',
          paths: [[new TextEncoder().encode('request_status'), requestId]],
          sender: alice.getPrincipal().toUint8Array(),
          ingress_expiry: net.time + minutes(4),
        },
        sender,
      );
    expect((await post(`/api/v3/canister/${a}/read_state`, (await read(alice)).body)).status).toBe(200);
    const elsewhere = await post(`/api/v3/canister/${b}/read_state`, (await read(alice)).body);
    expect(elsewhere.status).toBe(400);
    expect(text(elsewhere.body)).toMatch(/does not match requested request ID canister id/);

    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(alice, session.getPublicKey(), new Date(START_MS + 3_600_000), {
      targets: [b],
    });
    const delegated = DelegationIdentity.fromDelegation(session, chain);
    const outside = await post(`/api/v3/canister/${a}/read_state`, (await read(delegated)).body);
    expect(outside.status).toBe(403);
    expect(text(outside.body)).toMatch(/delegation targets/);
  });

  it('refuses an ingress message over 2 MiB as the replica does (413), not one just under', async () => {
    const big = (n: number) =>
      envelope(callContent(alice.getPrincipal(), a, 'say', arg([IDL.Text], ['x'.repeat(n)])), alice);
    const over = await post(`/api/v2/canister/${a}/call`, (await big(2 * 2 ** 20)).body);
    expect(over.status).toBe(413);
    expect(text(over.body)).toMatch(/is too large\. Message byte size \d+ is larger than the max allowed 2097152/);
    // Just under the limit it reaches the canister (whose inspect_message may still refuse it: 200M instructions).
    expect((await post(`/api/v2/canister/${a}/call`, (await big(2 * 2 ** 20 - 100)).body)).status).not.toBe(413);
  });

  it('answers anonymous reads whose expiry is past, refuses one beyond the window and an anonymous signature', async () => {
    const query = (expiry: bigint) =>
      envelope(
        {
          request_type: 'query',
          canister_id: a.toUint8Array(),
          method_name: 'greeting',
          arg: arg([], []),
          sender: Principal.anonymous().toUint8Array(),
          ingress_expiry: expiry,
        },
        undefined,
      );
    expect((await post(`/api/v3/canister/${a}/query`, (await query(net.time - minutes(30))).body)).status).toBe(200);
    const future = await post(`/api/v3/canister/${a}/query`, (await query(net.time + minutes(30))).body);
    expect(future.status).toBe(400);
    expect(text(future.body)).toMatch(/Invalid request expiry/);

    const content = callContent(Principal.anonymous(), a, 'incr', arg([IDL.Text, IDL.Nat64], ['anon', 1n]));
    const signed = Cbor.encode({
      content,
      sender_pubkey: alice.getPublicKey().toDer(),
      sender_sig: new Uint8Array(64),
    });
    const refused = await post(`/api/v3/canister/${a}/call`, signed);
    expect(refused.status).toBe(400);
    expect(text(refused.body)).toMatch(/anonymous sender must not carry/);
  });

  it('keeps time in exact nanoseconds (no float rounding above 2^53)', async () => {
    await net.advanceTimeTo(START_MS + 1.5);
    expect(net.time).toBe(BigInt(START_MS) * 1_000_000n + 1_500_000n);
    expect(await net.actor<Conformance>(a, idlFactory).now()).toBe(net.time);
  });

  it("writes the state directory's network.json (it holds the keys) readable by its owner only", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localnet-keys-'));
    const opened = await openStateDir(dir);
    await opened.net.close();
    expect(statSync(join(dir, 'network.json')).mode & 0o777).toBe(0o600);
  });
});
