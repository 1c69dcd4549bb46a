import { bls12_381 } from '@noble/curves/bls12-381';
import { describe, expect, it } from 'vitest';

import { NetworkKeys } from './keys.ts';

describe('network keys in a state directory', () => {
  const keys = NetworkKeys.generate();

  it('come back with the public keys they were saved with, and still sign under that root key', () => {
    const restored = NetworkKeys.fromSecrets(keys.secrets);
    expect(restored.rootKey).toEqual(keys.rootKey);
    expect([...restored.nodeKey]).toEqual([...keys.nodeKey]); // the derived one carries a type brand
    expect(restored.subnetId.toText()).toBe(keys.subnetId.toText());
    expect(restored.nodeId.toText()).toBe(keys.nodeId.toText());
    const rootHash = new Uint8Array(32).fill(7);
    const raw = restored.rootKey.slice(-96); // the DER wraps the 96-byte G2 point
    const msg = new Uint8Array([...new TextEncoder().encode('\x0dic-state-root'), ...rootHash]);
    expect(bls12_381.verifyShortSignature(restored.signRootHash(rootHash), msg, raw)).toBe(true);
  });

  it('saved without public keys (an older state directory), derive the same ones', () => {
    const { bls, node } = keys.secrets;
    const derived = NetworkKeys.fromSecrets({ bls, node });
    expect(derived.rootKey).toEqual(keys.rootKey);
    expect([...derived.nodeKey]).toEqual([...keys.nodeKey]);
  });
});
