import { bls12_381 } from '@noble/curves/bls12-381';
import { describe, expect, it } from 'vitest';
import { verifyBlsSignature } from './bls-verify.ts';

const { shortSignatures } = bls12_381;
const keyPair = () => {
  const secret = bls12_381.utils.randomSecretKey();
  return { secret, publicKey: shortSignatures.getPublicKey(secret).toBytes(true) };
};
const sign = (message: Uint8Array, secret: Uint8Array) =>
  shortSignatures.sign(shortSignatures.hash(message), secret).toBytes(true);

describe('verifyBlsSignature', () => {
  const root = keyPair();
  const other = keyPair();
  const message = new TextEncoder().encode('\x1aic-state-root' + 'a'.repeat(32));
  const signature = sign(message, root.secret);

  it('accepts what noble accepts, again and again with the cached key', () => {
    expect(bls12_381.verifyShortSignature(signature, message, root.publicKey)).toBe(true);
    for (let i = 0; i < 3; i++) expect(verifyBlsSignature(root.publicKey, signature, message)).toBe(true);
  });

  it('refuses another message, another signer, another key, as noble does', () => {
    const tampered = Uint8Array.from(message, (b, i) => (i === message.length - 1 ? b ^ 1 : b));
    expect(verifyBlsSignature(root.publicKey, signature, tampered)).toBe(false);
    expect(verifyBlsSignature(root.publicKey, sign(message, other.secret), message)).toBe(false);
    expect(verifyBlsSignature(other.publicKey, signature, message)).toBe(false);
    expect(bls12_381.verifyShortSignature(signature, tampered, root.publicKey)).toBe(false);
    // the cached root key still verifies after the others were seen
    expect(verifyBlsSignature(root.publicKey, signature, message)).toBe(true);
  });

  it('throws on bytes that are no curve point (the agent reports a failed verification)', () => {
    const garbage = new Uint8Array(48).fill(0xff);
    expect(() => verifyBlsSignature(root.publicKey, garbage, message)).toThrow();
    expect(() => verifyBlsSignature(new Uint8Array(96).fill(0xff), signature, message)).toThrow();
  });
});
