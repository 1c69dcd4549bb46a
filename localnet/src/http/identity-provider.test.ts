import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { authenticate, checkTarget } from './auth.ts';
import { isLoopbackHost, personaDelegation, type Icrc34Delegation } from './identity-provider.ts';
import { personaIdentity } from './identity-provider-keys.ts';

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** What AuthClient 7's signer does with the ICRC-34 result. */
function chainOf(result: Icrc34Delegation): DelegationChain {
  return DelegationChain.fromDelegations(
    result.signerDelegation.map((d) => ({
      delegation: new Delegation(
        b64(d.delegation.pubkey),
        BigInt(d.delegation.expiration),
        d.delegation.targets?.map((t) => Principal.fromText(t)),
      ),
      signature: b64(d.signature) as never,
    })),
    b64(result.publicKey) as never,
  );
}

async function envelopeFor(identity: DelegationIdentity, canister: Principal) {
  const content = {
    request_type: 'call',
    canister_id: canister.toUint8Array(),
    method_name: 'whoami',
    arg: new Uint8Array(),
    sender: identity.getPrincipal().toUint8Array(),
    ingress_expiry: BigInt(Date.now() + 60_000) * 1_000_000n,
  };
  const signed = (await identity.transformRequest({ endpoint: 'call', request: {}, body: content } as never)) as {
    body: Record<string, unknown>;
  };
  // Over HTTP the envelope is CBOR, which carries the delegation's target principals as bytes.
  const body = signed.body as { sender_delegation: Array<{ delegation: { targets?: Principal[] } }> };
  return {
    ...body,
    sender_delegation: body.sender_delegation.map((d) => ({
      ...d,
      delegation: { ...d.delegation, targets: d.delegation.targets?.map((t) => t.toUint8Array()) },
    })),
  };
}

describe('dev identity provider', () => {
  it('gives a persona the same principal every time, and different personas different ones', () => {
    expect(personaIdentity('alice').getPrincipal().toText()).toBe(personaIdentity('alice').getPrincipal().toText());
    expect(personaIdentity('alice').getPrincipal().toText()).not.toBe(personaIdentity('bob').getPrincipal().toText());
    expect(() => personaIdentity('Alice!')).toThrow(/persona name/);
  });

  it('signs a delegation that localnet authenticates as the persona, within the targets', async () => {
    const session = Ed25519KeyIdentity.generate();
    const target = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const result = await personaDelegation({
      persona: 'alice',
      sessionPublicKey: Buffer.from(session.getPublicKey().toDer()).toString('base64'),
      maxTimeToLive: String(60n * 1_000_000_000n),
      targets: [target.toText()],
    });
    const identity = DelegationIdentity.fromDelegation(session, chainOf(result));
    expect(identity.getPrincipal().toText()).toBe(personaIdentity('alice').getPrincipal().toText());
    const envelope = await envelopeFor(identity, target);
    const auth = authenticate(envelope as never, BigInt(Date.now()) * 1_000_000n);
    expect(auth.sender.toText()).toBe(identity.getPrincipal().toText());
    expect(() => checkTarget(auth, target)).not.toThrow();
    expect(() => checkTarget(auth, Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'))).toThrow(/targets/);
    // The lifetime asked for, not more.
    const expiration = BigInt(result.signerDelegation[0]!.delegation.expiration);
    expect(expiration).toBeLessThanOrEqual(BigInt(Date.now() + 61_000) * 1_000_000n);
  });

  it('refuses bad requests with a reason', async () => {
    await expect(personaDelegation({ persona: 'x y', sessionPublicKey: 'AA==' })).rejects.toThrow(/persona/);
    await expect(personaDelegation({ persona: 'alice', sessionPublicKey: '' })).rejects.toThrow(/sessionPublicKey/);
  });

  it('serves loopback hosts only', () => {
    for (const host of ['127.0.0.1:4943', 'localhost:8080', 'abc.localhost:4943', '[::1]:4943'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['example.org', '10.0.0.2:4943', '127.0.0.1.nip.io', undefined])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
