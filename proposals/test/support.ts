/** Test helpers: capturing CLI io, identities as dfx-style PEM files, a port nothing listens on. */
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l), env: {} } };
}

/** The identity as `dfx identity export` writes it (PKCS#8 Ed25519 PEM), saved in dir. */
export function writePem(dir: string, name: string, identity: Ed25519KeyIdentity): string {
  const seed = Buffer.from(identity.getKeyPair().secretKey.slice(0, 32)).toString('base64url');
  const x = Buffer.from(identity.getPublicKey().toRaw()).toString('base64url');
  const pem = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: seed, x }, format: 'jwk' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, pem);
  return path;
}

/** A 127.0.0.1 port that was free a moment ago and has no listener now. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
