/** Test helpers: capturing CLI io, identities as dfx-style PEM files, a port nothing listens on. */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { identityToPem } from '@gatehouse/clients';
import type { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l), env: {} } };
}

/** The identity as `dfx identity export` writes it (PKCS#8 Ed25519 PEM), saved in dir. */
export function writePem(dir: string, name: string, identity: Ed25519KeyIdentity): string {
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, identityToPem(identity));
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
