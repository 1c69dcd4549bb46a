/**
 * A deployed project behind the HTTP interface on an ephemeral 127.0.0.1 port, for the HTTP tests and the
 * bench. The canisters must be built (.azle/<name>/<name>.wasm); ids go to a scratch directory, not .env.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { HttpAgent, type Identity } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';

import { deployProject, projectCanisters } from '../../src/deploy.ts';
import { LocalNetHttpServer } from '../../src/http/server.ts';
import type { NetworkKeys } from '../../src/http/keys.ts';
import { LocalNet } from '../../src/localnet.ts';
import { ensureWasm, type BuildableCanister } from '../../../test/support/wasm.ts';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Builds every project canister that is missing or older than its sources: these suites never skip. */
export function ensureBuilt(): void {
  for (const c of projectCanisters(projectRoot)) ensureWasm(c.name as BuildableCanister);
}

export interface Deployed {
  net: LocalNet;
  server: LocalNetHttpServer;
  ids: Record<string, Principal>;
  scratch: string;
  close(): Promise<void>;
}

export async function deployed(opts: { net?: LocalNet; keys?: NetworkKeys; scratch?: string } = {}): Promise<Deployed> {
  const net = opts.net ?? (await LocalNet.start());
  const server = await LocalNetHttpServer.start(net, { port: 0, keys: opts.keys });
  const scratch = opts.scratch ?? mkdtempSync(join(tmpdir(), 'localnet-http-'));
  const ids = await deployProject(net, {
    root: projectRoot,
    build: false,
    envFile: join(scratch, '.env'),
    idsFile: join(scratch, 'canister_ids.json'),
  });
  return {
    net,
    server,
    ids,
    scratch,
    async close() {
      await server.close();
      await net.close();
    },
  };
}

/** An agent with default options, as an app would make one. */
export function agentFor(server: LocalNetHttpServer, identity?: Identity): Promise<HttpAgent> {
  return HttpAgent.create({ host: server.url, shouldFetchRootKey: true, ...(identity ? { identity } : {}) });
}
