/**
 * Request authentication as the interface spec describes it ("Authentication", "Signatures"):
 * the sender's principal derives from sender_pubkey; the request id is signed by that key or by the
 * last key of a delegation chain (each link signed by the previous key, with expiry and targets);
 * the anonymous principal needs no signature; ingress_expiry must lie within the accepted window.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import {
  ED25519_OID,
  IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
  IC_REQUEST_DOMAIN_SEPARATOR,
  SECP256K1_OID,
  requestIdOf,
  unwrapDER,
} from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

/** A request the HTTP interface refuses before it reaches a canister, with its HTTP status. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** SEQUENCE { id-ecPublicKey, prime256v1 } */
const P256_OID = Uint8Array.from([
  0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03,
  0x01, 0x07,
]);

export const MAX_INGRESS_TTL_NS = 5n * 60n * 1_000_000_000n;
/** Clock drift allowed above the maximum expiry, as the replica's validator does. */
export const PERMITTED_DRIFT_NS = 60n * 1_000_000_000n;
const MAX_DELEGATIONS = 20;

export interface Envelope {
  content: Record<string, unknown>;
  sender_pubkey?: Uint8Array;
  sender_sig?: Uint8Array;
  sender_delegation?: Array<{ delegation: Record<string, unknown>; signature: Uint8Array }>;
}

export interface Authenticated {
  sender: Principal;
  requestId: Uint8Array;
  /** Canisters the delegation chain restricts the sender to; undefined: no restriction. */
  targets?: Set<string>;
}

const bytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function verifySignature(derKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  const tryKey = (oid: Uint8Array): Uint8Array | undefined => {
    try {
      return unwrapDER(derKey, oid);
    } catch {
      return undefined;
    }
  };
  try {
    let raw = tryKey(ED25519_OID);
    if (raw) return ed25519.verify(signature, message, raw);
    raw = tryKey(SECP256K1_OID);
    if (raw) return secp256k1.verify(signature, sha256(message), raw, { lowS: false });
    raw = tryKey(P256_OID);
    if (raw) return p256.verify(signature, sha256(message), raw, { lowS: false });
  } catch {
    return false;
  }
  throw new RequestError(
    400,
    `unsupported public key type (localnet verifies Ed25519, ECDSA secp256k1 and P-256 keys): ${hex(derKey).slice(0, 64)}`,
  );
}

/** Checks ingress_expiry against `nowNs` (not before `minNs`); the message text is the one the agent recognises. */
export function checkExpiry(expiry: unknown, minNs: bigint, nowNs: bigint): void {
  if (typeof expiry !== 'bigint' && typeof expiry !== 'number')
    throw new RequestError(400, 'the request has no ingress_expiry');
  const e = BigInt(expiry);
  const min = minNs;
  const max = nowNs + MAX_INGRESS_TTL_NS + PERMITTED_DRIFT_NS;
  if (e < min || e > max) {
    throw new RequestError(
      400,
      `Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: ${min}, Maximum allowed expiry: ${max}, Provided expiry: ${e}`,
    );
  }
}

/** Verifies sender, signature, delegations and expiry; returns who sent it and the request id. */
export function authenticate(envelope: Envelope, nowNs: bigint): Authenticated {
  const content = envelope.content;
  if (!content || typeof content !== 'object' || !bytes(content.sender))
    throw new RequestError(400, 'malformed request: content.sender is missing');
  let sender: Principal;
  try {
    sender = Principal.fromUint8Array(content.sender);
  } catch {
    throw new RequestError(400, 'malformed request: content.sender is not a principal');
  }
  // As the replica (rs/validator ingress_validation): anonymous queries and read_states are answered whatever
  // their expiry, which is how an agent whose clock is behind the network's reads /time to resynchronise.
  // An expiry beyond the window is refused all the same: only an agent whose clock is BEHIND needs the leniency.
  const anonymousRead =
    sender.isAnonymous() && (content.request_type === 'query' || content.request_type === 'read_state');
  checkExpiry(content.ingress_expiry, anonymousRead ? 0n : nowNs, nowNs);
  let requestId: Uint8Array;
  try {
    requestId = requestIdOf(content);
  } catch (error) {
    throw new RequestError(400, `malformed request: ${error instanceof Error ? error.message : String(error)}`);
  }
  const failed = (why: string) =>
    new RequestError(400, `Failed to authenticate request 0x${hex(requestId)} due to: ${why}`);

  if (sender.isAnonymous()) {
    if (envelope.sender_pubkey || envelope.sender_sig || envelope.sender_delegation)
      throw failed('the anonymous sender must not carry a public key, signature or delegation');
    return { sender, requestId };
  }
  if (!bytes(envelope.sender_pubkey) || !bytes(envelope.sender_sig))
    throw failed(`missing signature for sender ${sender.toText()}`);
  if (Principal.selfAuthenticating(envelope.sender_pubkey).toText() !== sender.toText()) {
    throw failed(
      `the sender ${sender.toText()} does not match the public key (it belongs to ${Principal.selfAuthenticating(envelope.sender_pubkey).toText()})`,
    );
  }
  let signer = envelope.sender_pubkey;
  let targets: Set<string> | undefined;
  const chain = envelope.sender_delegation ?? [];
  if (!Array.isArray(chain)) throw failed('sender_delegation is not an array');
  if (chain.length > MAX_DELEGATIONS) throw failed(`more than ${MAX_DELEGATIONS} delegations`);
  for (const [i, link] of chain.entries()) {
    const d = link?.delegation;
    if (
      !d ||
      !bytes(d.pubkey) ||
      (typeof d.expiration !== 'bigint' && typeof d.expiration !== 'number') ||
      !bytes(link.signature)
    ) {
      throw failed(`delegation ${i} is malformed`);
    }
    const message = new Uint8Array([...IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR, ...requestIdOf(d)]);
    if (!verifySignature(signer, link.signature, message)) throw failed(`invalid signature on delegation ${i}`);
    if (BigInt(d.expiration) < nowNs) throw failed(`delegation ${i} expired at ${BigInt(d.expiration)} (now ${nowNs})`);
    if (d.targets !== undefined) {
      if (!Array.isArray(d.targets) || !d.targets.every(bytes)) throw failed(`delegation ${i} has malformed targets`);
      const these = new Set((d.targets as Uint8Array[]).map((t) => Principal.fromUint8Array(t).toText()));
      targets = targets ? new Set([...targets].filter((t) => these.has(t))) : these;
    }
    signer = d.pubkey;
  }
  const message = new Uint8Array([...IC_REQUEST_DOMAIN_SEPARATOR, ...requestId]);
  if (!verifySignature(signer, envelope.sender_sig, message)) throw failed('invalid signature');
  return { sender, requestId, targets };
}

/** Refuses a request for `canister` when the delegation chain does not allow it. */
export function checkTarget(auth: Authenticated, canister: Principal): void {
  if (auth.targets && !auth.targets.has(canister.toText())) {
    throw new RequestError(
      400,
      `Failed to authenticate request 0x${hex(auth.requestId)} due to: canister ${canister.toText()} is not one of the delegation's targets`,
    );
  }
}
