/**
 * The network's keys: a BLS12-381 key that signs certificates (its public key is the root key an agent
 * fetches from /api/v2/status, and the subnet id derives from it) and one node's Ed25519 key that signs
 * query responses. Random per network; a state directory keeps them across restarts.
 */
import { bls12_381 } from '@noble/curves/bls12-381';
import { ed25519 } from '@noble/curves/ed25519';
import { BLS12_381_G2_OID, IC_STATE_ROOT_DOMAIN_SEPARATOR, wrapDER } from '@icp-sdk/core/agent';
import { Ed25519PublicKey } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';

/** The keys as a state directory keeps them (hex). */
export interface KeySecrets {
  bls: string;
  node: string;
  /**
   * The public keys (DER) beside the secrets: deriving the BLS one took ~0.4 s of a restart's main-thread CPU
   * (noble's G2 precomputation), before any canister could resume. Absent in older state directories.
   */
  rootKey?: string;
  nodeKey?: string;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

export class NetworkKeys {
  readonly rootKey: Uint8Array;
  readonly subnetId: Principal;
  readonly nodeKey: Uint8Array;
  readonly nodeId: Principal;

  private constructor(
    private readonly blsSecret: Uint8Array,
    private readonly nodeSecret: Uint8Array,
    saved?: { rootKey: Uint8Array; nodeKey: Uint8Array },
  ) {
    this.rootKey = saved?.rootKey ?? wrapDER(bls12_381.getPublicKeyForShortSignatures(blsSecret), BLS12_381_G2_OID);
    this.subnetId = Principal.selfAuthenticating(this.rootKey);
    this.nodeKey = saved?.nodeKey ?? Ed25519PublicKey.fromRaw(ed25519.getPublicKey(nodeSecret)).toDer();
    this.nodeId = Principal.selfAuthenticating(this.nodeKey);
  }

  static generate(): NetworkKeys {
    return new NetworkKeys(bls12_381.utils.randomPrivateKey(), ed25519.utils.randomPrivateKey());
  }

  static fromSecrets(s: KeySecrets): NetworkKeys {
    const saved = s.rootKey && s.nodeKey ? { rootKey: unhex(s.rootKey), nodeKey: unhex(s.nodeKey) } : undefined;
    return new NetworkKeys(unhex(s.bls), unhex(s.node), saved);
  }

  get secrets(): KeySecrets {
    return {
      bls: hex(this.blsSecret),
      node: hex(this.nodeSecret),
      rootKey: hex(this.rootKey),
      nodeKey: hex(this.nodeKey),
    };
  }

  /** The certificate signature over a state tree's root hash. */
  signRootHash(rootHash: Uint8Array): Uint8Array {
    const msg = new Uint8Array([...IC_STATE_ROOT_DOMAIN_SEPARATOR, ...rootHash]);
    return bls12_381.signShortSignature(msg, this.blsSecret);
  }

  /** The node's signature over a query response (message already domain-separated). */
  signAsNode(message: Uint8Array): Uint8Array {
    return ed25519.sign(message, this.nodeSecret);
  }
}
