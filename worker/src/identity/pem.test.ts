import { generateKeyPairSync } from 'node:crypto';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { describe, expect, it } from 'vitest';
import { identityFromPem, identityToPem } from './pem.ts';

describe('Ed25519 PEM', () => {
  it('round-trips an identity through PKCS#8 PEM', () => {
    const identity = Ed25519KeyIdentity.generate();
    const pem = identityToPem(identity);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(identityFromPem(pem).getPrincipal().toText()).toBe(identity.getPrincipal().toText());
  });

  it('reads a key written by another tool (node:crypto, as dfx writes it) to the same public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(Buffer.from(identityFromPem(pem).getPublicKey().toRaw())).toEqual(raw);
  });

  it('refuses other keys and garbage with one line', () => {
    const rsa = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => identityFromPem(rsa)).toThrow(/not Ed25519/);
    expect(() => identityFromPem('hello')).toThrow(/not a PEM private key/);
  });
});
