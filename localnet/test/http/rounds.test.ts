/**
 * Certification per round: the signed calls and read_state requests that arrive together are answered from one
 * certified state tree with one BLS signature, each answer's tree pruned to what it asked for, and every one
 * verifies as an agent verifies it.
 */
import { IDL } from '@dfinity/candid';
import { Cbor, Certificate, lookup_path, LookupPathStatus, requestIdOf, type HashTree } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../src/http/server.ts';
import { LocalNet } from '../../src/localnet.ts';
import { idlFactory, type Conformance } from '../conformance-idl.ts';
import { conformanceWasm } from '../fixture/build.ts';
import { lookup, visibleLabels } from './witness.ts';

const START_MS = 1_796_145_522_284;
const CALLS = 8;
let net: LocalNet;
let server: LocalNetHttpServer;
let a: Principal;
const utf8 = (s: string) => new TextEncoder().encode(s);
const arg = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));

async function signed(identity: Ed25519KeyIdentity, content: Record<string, unknown>): Promise<Uint8Array> {
  const body = (await identity.transformRequest({ endpoint: 'call', body: content, request: {} } as never)) as {
    body: unknown;
  };
  return Cbor.encode(body.body);
}

async function post(path: string, body: Uint8Array): Promise<Uint8Array> {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/cbor' },
    body: Buffer.from(body),
  });
  expect(r.status).toBe(200);
  return new Uint8Array(await r.arrayBuffer());
}

/** Verifies a certificate as the agent does and returns its tree and signature. */
async function verified(certificate: Uint8Array): Promise<{ tree: HashTree; signature: string }> {
  await Certificate.create({
    certificate,
    rootKey: server.keys.rootKey,
    principal: { canisterId: a },
    disableTimeVerification: true,
  });
  const { tree, signature } = Cbor.decode<{ tree: HashTree; signature: Uint8Array }>(certificate);
  return { tree, signature: Buffer.from(signature).toString('hex') };
}

beforeAll(async () => {
  net = await LocalNet.start({ startTimeMs: START_MS });
  server = await LocalNetHttpServer.start(net, { port: 0, realTime: false });
  a = await net.createCanister();
  await net.install(a, conformanceWasm(), arg([IDL.Text], ['rounds']));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await net?.close();
});

describe('certification per round', () => {
  it('answers calls arriving together from one signed state, each witness pruned to its own request', async () => {
    const identities = Array.from({ length: CALLS }, () => Ed25519KeyIdentity.generate());
    const contents = identities.map((id, i) => ({
      request_type: 'call',
      canister_id: a.toUint8Array(),
      method_name: 'incr',
      arg: arg([IDL.Text, IDL.Nat64], ['round', BigInt(i + 1)]),
      sender: id.getPrincipal().toUint8Array(),
      ingress_expiry: net.time + 240_000_000_000n,
    }));
    const bodies = await Promise.all(identities.map((id, i) => signed(id, contents[i]!)));
    const before = server.certifications;
    const replies = await Promise.all(bodies.map((body) => post(`/api/v3/canister/${a}/call`, body)));
    const signatures = new Set<string>();
    for (const [i, reply] of replies.entries()) {
      const { status, certificate } = Cbor.decode<{ status: string; certificate: Uint8Array }>(reply);
      expect(status).toBe('replied');
      const { tree, signature } = await verified(certificate);
      signatures.add(signature);
      const requestId = requestIdOf(contents[i]!);
      expect(lookup_path(['request_status', requestId, 'status'], tree)).toMatchObject({ value: utf8('replied') });
      // The other calls of the round are in the signed tree, but this answer shows only its own request.
      expect(visibleLabels(tree, ['request_status'])).toBe(1);
    }
    const rounds = server.certifications - before;
    expect(rounds).toBeLessThan(CALLS);
    expect(signatures.size).toBeLessThanOrEqual(rounds);
    expect(await net.actor<Conformance>(a, idlFactory).get('round')).toBe(BigInt((CALLS * (CALLS + 1)) / 2));
  });

  it('answers read_state requests arriving together with one signature, an unknown request provably absent', async () => {
    const reader = Ed25519KeyIdentity.generate();
    const unknown = requestIdOf({ request_type: 'call', nonce: utf8('never sent') });
    const bodies = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        signed(reader, {
          request_type: 'read_state',
          paths: [[utf8('request_status'), unknown], [utf8('time')]],
          sender: reader.getPrincipal().toUint8Array(),
          ingress_expiry: net.time + 240_000_000_000n + BigInt(i),
        }),
      ),
    );
    const before = server.certifications;
    const answers = await Promise.all(bodies.map((body) => post(`/api/v3/canister/${a}/read_state`, body)));
    expect(server.certifications - before).toBeLessThan(CALLS);
    for (const answer of answers) {
      const { tree } = await verified(Cbor.decode<{ certificate: Uint8Array }>(answer).certificate);
      expect(lookup(tree, ['request_status', unknown])).toBe('absent');
      expect(lookup_path(['time'], tree).status).toBe(LookupPathStatus.Found);
      expect(visibleLabels(tree, ['request_status'])).toBeLessThanOrEqual(2); // the neighbours that prove the absence
    }
  });
});
