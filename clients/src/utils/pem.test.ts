import { createPrivateKey } from 'node:crypto';

import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { describe, expect, it } from 'vitest';

import { identityFromPem, identityToPem, PemError } from './pem.ts';

// `dfx identity export` of an Ed25519 identity: PKCS#8 v2 (seed and public key).
const DFX_PEM = `-----BEGIN PRIVATE KEY-----
MFMCAQEwBQYDK2VwBCIEIAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB
oSMDIQCKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXA==
-----END PRIVATE KEY-----
`;

describe('PEM identities', () => {
  it('round-trips an Ed25519 identity through PKCS#8 v1', () => {
    const identity = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(7));
    const pem = identityToPem(identity);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(identityFromPem(pem).getPrincipal().toText()).toBe(identity.getPrincipal().toText());
    // OpenSSL (node:crypto) reads it as the same Ed25519 key.
    const jwk = createPrivateKey({ key: pem, format: 'pem' }).export({ format: 'jwk' });
    expect(jwk.x).toBe(Buffer.from(identity.getPublicKey().toRaw()).toString('base64url'));
  });

  it("reads dfx's PKCS#8 v2 (seed + public key)", () => {
    const expected = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(1));
    expect(identityFromPem(DFX_PEM).getPrincipal().toText()).toBe(expected.getPrincipal().toText());
  });

  it('refuses a v2 key whose public key is not the seed’s', () => {
    const tampered = DFX_PEM.replace('oSMDIQCK', 'oSMDIQCL');
    expect(() => identityFromPem(tampered)).toThrow(PemError);
  });

  it.each([
    ['not a PEM at all', 'hello', /not a PEM private key/],
    ['an EC key', '-----BEGIN EC PRIVATE KEY-----\nMHQCAQEE\n-----END EC PRIVATE KEY-----\n', /not a PEM private key/],
    ['a secp256k1 PKCS#8 key', pkcs8WithOid('06052b8104000a'), /not Ed25519/],
    ['truncated DER', '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2Vw\n-----END PRIVATE KEY-----\n', PemError],
  ])('refuses %s with a PemError', (_what, pem, message) => {
    expect(() => identityFromPem(pem)).toThrow(PemError);
    expect(() => identityFromPem(pem)).toThrow(message);
  });
});

/** A PKCS#8 v1 structure with another algorithm OID and a 32-byte key. */
function pkcs8WithOid(oidTlv: string): string {
  const algorithm = `30${(oidTlv.length / 2).toString(16).padStart(2, '0')}${oidTlv}`;
  const key = `04220420${'11'.repeat(32)}`;
  const body = `020100${algorithm}${key}`;
  const der = `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
  const base64 = btoa(String.fromCharCode(...der.match(/../g)!.map((b) => parseInt(b, 16))));
  return `-----BEGIN PRIVATE KEY-----\n${base64}\n-----END PRIVATE KEY-----\n`;
}
