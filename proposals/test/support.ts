/**
 * Test helpers: capturing CLI io, identities as dfx-style PEM files, a port nothing listens on, the project
 * deployed on an in-process localnet.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { identityToPem } from '@gatehouse/clients';
import type { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { deployProject, type DeployOptions } from '../../localnet/src/deploy.ts';
import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet, type LocalNetOptions } from '../../localnet/src/localnet.ts';
import { ensureProjectWasm } from '../../test/support/wasm.ts';

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

/**
 * localnet in-process behind its IC HTTP interface with the project deployed by localnet's deploy code, the ids
 * in `<dir>/.env` for the CLI's --env-file; `close` stops both.
 */
export async function deployedProject(
  prefix: string,
  deploy: Pick<DeployOptions, 'neuronOwners' | 'nodeProviders' | 'registerFunctions'>,
  net: LocalNetOptions = {},
) {
  ensureProjectWasm();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const localnet = await LocalNet.start(net);
  const server = await LocalNetHttpServer.start(localnet, { port: 0 });
  const ids = await deployProject(localnet, {
    root: join(import.meta.dirname, '../..'),
    build: false,
    envFile: join(dir, '.env'),
    idsFile: join(dir, 'canister_ids.json'),
    ...deploy,
  });
  const close = async () => {
    await server.close();
    await localnet.close();
  };
  return { dir, net: localnet, server, ids, close };
}
