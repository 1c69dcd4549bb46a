/**
 * Gatehouse as its outside users meet it: the real canisters on an in-process localnet behind its IC HTTP
 * interface, and one real `gatehouse-worker start` serving the generated tiny model with a key bound to an
 * admitted contributor (admitted as the invitation canister admits, the key offered and accepted). For tests
 * and benches whose clients talk HTTP: the e2e llm clients, gatehouse-jobs, bench:llm.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { identityToPem } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { ensureTinyModel } from '../../worker/test/tiny-model.ts';
import { waitFor, WorkerProcess } from '../../worker/test/worker-process.ts';
import { admitArgs, okOf } from './args.ts';
import { deployGatehouse, type Gatehouse, type GatehouseOptions } from './deploy.ts';

export interface ServedGatehouse {
  g: Gatehouse;
  server: LocalNetHttpServer;
  worker: WorkerProcess;
  /** A fresh folder for the test's files (the worker's key is `worker.pem` in it). */
  dir: string;
  /** Stops the worker, the HTTP interface and localnet. */
  close(): Promise<void>;
}

/** A bound worker key: a contributor admitted with the genesis node provider as sponsor, the key accepted. */
async function boundWorkerKey(g: Gatehouse): Promise<Ed25519KeyIdentity> {
  const contributor = Ed25519KeyIdentity.generate().getPrincipal();
  okOf(await g.registry('invitation').admit_contributor(admitArgs(contributor, g.principals.nodeProvider)));
  const key = Ed25519KeyIdentity.generate();
  okOf(await g.registry(contributor).offer_worker_key(key.getPrincipal()));
  okOf(await g.registry(key.getPrincipal()).accept_worker_key(contributor));
  return key;
}

export async function servedGatehouse(prefix: string, options: GatehouseOptions = {}): Promise<ServedGatehouse> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const modelPath = await ensureTinyModel();
  // Wall-clock start: the worker signs its calls with the machine's time.
  const net = await LocalNet.start({ startTimeMs: Date.now() });
  const g = await deployGatehouse(net, options);
  const server = await LocalNetHttpServer.start(net, { port: 0 });
  const keyFile = join(dir, 'worker.pem');
  writeFileSync(keyFile, identityToPem(await boundWorkerKey(g)), { mode: 0o600 });
  const worker = new WorkerProcess([
    ...['start', '--network', server.url, '--queue', g.ids.queue.toText(), '--identity', keyFile],
    ...['--model', `tiny-chat=${modelPath}`, '--threads', '1', '--metrics-port', 'off'],
  ]);
  const close = async () => {
    worker.kill('SIGKILL');
    await worker.exited;
    await server.close();
    await net.close();
  };
  await waitFor('the worker', () => worker.has('ready') || worker.stderr.length > 0, 120_000);
  if (worker.stderr.length > 0) {
    await close();
    throw new Error(`the worker did not start: ${worker.stderr.join('\n')}`);
  }
  return { g, server, worker, dir, close };
}
