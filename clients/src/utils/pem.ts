/**
 * Ed25519 identities as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), the format `dfx identity export` writes
 * and `dfx identity import` reads. The DER is read by hand (no node:crypto), so browsers can use it too.
 * Accepted: PKCS#8 v1 (seed only, what OpenSSL writes) and v2 (seed + public key, what dfx writes); a v2
 * public key must match the seed.
 */
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { toHex } from './hex.ts';

export class PemError extends Error {
  override readonly name = 'PemError';
}

const ED25519_OID = '2b6570'; // 1.3.101.112
/** SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } } up to the seed. */
const V1_PREFIX = '302e020100300506032b657004220420';

interface Tlv {
  tag: number;
  body: Uint8Array;
  next: number;
}

function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined) throw new PemError('truncated DER');
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 2) throw new PemError('unsupported DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = (length << 8) | (der[start + i] ?? 0);
    start += octets;
  }
  if (start + length > der.length) throw new PemError('truncated DER');
  return { tag, body: der.subarray(start, start + length), next: start + length };
}

function children(body: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < body.length; at = out[out.length - 1]!.next) out.push(readTlv(body, at));
  return out;
}

function pemBody(pem: string): Uint8Array {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) throw new PemError('not a PEM private key (expected PKCS#8 Ed25519, "-----BEGIN PRIVATE KEY-----")');
  try {
    return Uint8Array.from(atob(m[1]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    throw new PemError('the PEM body is not base64');
  }
}

/** Parses a PKCS#8 Ed25519 PEM; throws PemError (one line) for anything else. */
export function identityFromPem(pem: string): Ed25519KeyIdentity {
  const der = pemBody(pem);
  let seed: Uint8Array;
  let publicKey: Uint8Array | undefined;
  try {
    const top = readTlv(der, 0);
    const [version, algorithm, privateKey, ...rest] = children(top.body);
    if (top.tag !== 0x30 || version?.tag !== 0x02 || algorithm?.tag !== 0x30 || privateKey?.tag !== 0x04)
      throw new PemError('not a PKCS#8 private key');
    const oid = children(algorithm.body)[0];
    if (oid?.tag !== 0x06 || toHex(oid.body) !== ED25519_OID)
      throw new PemError('the key is not Ed25519 (only Ed25519 identities are supported)');
    const inner = readTlv(privateKey.body, 0);
    if (inner.tag !== 0x04 || inner.body.length !== 32) throw new PemError('the PEM holds no Ed25519 private key');
    seed = inner.body;
    const tagged = rest.find((t) => t.tag === 0xa1);
    // [1] { BIT STRING { 0 unused bits, 32-byte key } }
    if (tagged) publicKey = readTlv(tagged.body, 0).body.subarray(1);
  } catch (error) {
    if (error instanceof PemError) throw error;
    throw new PemError('malformed PKCS#8 DER');
  }
  const identity = Ed25519KeyIdentity.generate(Uint8Array.from(seed));
  if (publicKey && toHex(publicKey) !== toHex(new Uint8Array(identity.getPublicKey().toRaw())))
    throw new PemError('the public key in the PEM does not belong to its private key');
  return identity;
}

/** PKCS#8 v1 PEM of an Ed25519 identity (readable by dfx, OpenSSL and identityFromPem). */
export function identityToPem(identity: Ed25519KeyIdentity): string {
  const seed = new Uint8Array(identity.getKeyPair().secretKey).subarray(0, 32);
  const hex = V1_PREFIX + toHex(seed);
  const der = Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
  const base64 = btoa(String.fromCharCode(...der));
  return `-----BEGIN PRIVATE KEY-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}
