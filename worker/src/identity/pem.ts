import { createPrivateKey, createPublicKey } from 'node:crypto';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

/**
 * Ed25519 identities as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), the format `dfx identity export`
 * writes and `dfx identity import` reads. node:crypto does the ASN.1.
 */
export function identityToPem(identity: Ed25519KeyIdentity): string {
  const { secretKey } = identity.getKeyPair();
  const seed = Buffer.from(secretKey.slice(0, 32));
  const x = Buffer.from(identity.getPublicKey().toRaw()).toString('base64url');
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x },
    format: 'jwk',
  });
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export class PemError extends Error {
  override readonly name = 'PemError';
}

/** Parses a PKCS#8 Ed25519 PEM; throws PemError (one line) for anything else. */
export function identityFromPem(pem: string): Ed25519KeyIdentity {
  let jwk: { kty?: string; crv?: string; d?: string };
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519')
      throw new PemError(`the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
    jwk = key.export({ format: 'jwk' });
    createPublicKey(key);
  } catch (error) {
    if (error instanceof PemError) throw error;
    throw new PemError('not a PEM private key (expected PKCS#8 Ed25519, "-----BEGIN PRIVATE KEY-----")');
  }
  if (!jwk.d) throw new PemError('the PEM holds no private key');
  return Ed25519KeyIdentity.generate(new Uint8Array(Buffer.from(jwk.d, 'base64url')));
}
