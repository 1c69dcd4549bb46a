/**
 * localnet from the command line:
 *   npx tsx localnet/src/cli.ts [--port 4943] [--state-dir DIR] [--deploy] [--no-build]
 *                               [--node-provider PRINCIPAL[=NAME]]... [--neuron-owner PRINCIPAL]...
 *                               [--neuron PRINCIPAL=TOKENS]... [--quiet]
 * Serves the IC HTTP interface on 127.0.0.1 in real time until Ctrl-C. --deploy builds and deploys the
 * project's canisters (ids into .env and .localnet/canister_ids.json). --state-dir keeps canisters and their
 * state across restarts, and the ids go into <state-dir>/.env and <state-dir>/canister_ids.json instead, so two
 * networks never overwrite each other's ids; a network on the CLIs' default port (4943) also writes the project's
 * .env and .localnet/canister_ids.json, which the CLIs read when given no --env-file. --neuron gives a genesis neuron of that many tokens to the principal (sized stakes,
 * where --neuron-owner gives equal ones).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { Principal } from '@icp-sdk/core/principal';

import { deployProject, devNeuronIdentity, writeDevIdentity, writeIds } from './deploy.ts';
import { LocalNetHttpServer } from './http/server.ts';
import { NetworkKeys } from './http/keys.ts';
import { LocalNet } from './localnet.ts';
import { Autosave, openStateDir } from './state-dir.ts';

/** Where deploy writes the ids without --state-dir (and on port 4943): what the CLIs read by default. */
const ROOT_IDS = '.localnet/canister_ids.json';

function fail(message: string): never {
  console.error(`localnet: ${message}`);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '4943' },
        'state-dir': { type: 'string' },
        deploy: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        'node-provider': { type: 'string', multiple: true },
        'neuron-owner': { type: 'string', multiple: true },
        neuron: { type: 'string', multiple: true },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

if (values.help) {
  console.log(
    'usage: npx tsx localnet/src/cli.ts [--port 4943] [--state-dir DIR] [--deploy] [--no-build] [--node-provider PRINCIPAL[=NAME]]... [--neuron-owner PRINCIPAL]... [--neuron PRINCIPAL=TOKENS]... [--quiet]',
  );
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}"`);
const log = values.quiet ? () => undefined : (canister: string, line: string) => console.log(`[${canister}] ${line}`);
const root = process.cwd();

let net: LocalNet;
let keys: NetworkKeys;
let autosave: Autosave | undefined;
let resumed = false;
try {
  if (values['state-dir']) {
    const dir = resolve(values['state-dir']);
    const opened = await openStateDir(dir, { log });
    ({ net, keys, resumed } = opened);
    autosave = new Autosave(net, dir, keys);
    console.log(
      opened.resumed
        ? `localnet: resumed ${net.canisterIds().length} canister(s) from ${dir}`
        : `localnet: new network in ${dir}`,
    );
  } else {
    net = await LocalNet.start({ log });
    keys = NetworkKeys.generate();
  }
} catch (error) {
  fail(`cannot open the state: ${error instanceof Error ? error.message : String(error)}`);
}

let server: LocalNetHttpServer;
try {
  server = await LocalNetHttpServer.start(net, { port, keys });
} catch (error) {
  await net.close();
  fail(error instanceof Error ? error.message : String(error));
}

console.log(`localnet: listening on ${server.url} (Ctrl-C stops)`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nlocalnet: stopping');
  await server.close();
  await autosave?.stop();
  await net.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

if (values.deploy) {
  try {
    // Without --node-provider the dev identity (also the genesis neuron's owner) is the one node provider, so a
    // fresh local network can nominate, propose and vote from the proposals CLI's defaults alone.
    const named = (values['node-provider'] ?? []).map((spec, i) => {
      const [p, name] = spec.split('=', 2);
      return { id: Principal.fromText(p!), display_name: name || `node provider ${i + 1}` };
    });
    const nodeProviders =
      named.length > 0 ? named : [{ id: devNeuronIdentity().getPrincipal(), display_name: 'Local dev node provider' }];
    const owners = values['neuron-owner']?.map((p) => Principal.fromText(p));
    const neurons = values.neuron?.map((spec) => {
      const m = /^([^=]+)=(\d{1,12})$/.exec(spec);
      if (!m) throw new Error(`--neuron must be PRINCIPAL=TOKENS, got "${spec}"`);
      return { owner: Principal.fromText(m[1]!), stake_e8s: BigInt(m[2]!) * 100_000_000n };
    });
    const stateDir = values['state-dir'] ? resolve(values['state-dir']) : undefined;
    const stateIds = stateDir && join(stateDir, 'canister_ids.json');
    // A saved network from before its ids lived in its state dir: the project's ids file named its canisters.
    if (stateIds && resumed && !existsSync(stateIds) && existsSync(join(root, ROOT_IDS)))
      copyFileSync(join(root, ROOT_IDS), stateIds);
    // The overdue timers' catch-up (begun once the server listened) ends first, so that what deploy changed is
    // told apart from what the timers did.
    await net.advanceTimeTo(Date.now());
    const changesBefore = net.changes;
    const ids = await deployProject(net, {
      root,
      build: !values['no-build'],
      ...(stateDir ? { envFile: join(stateDir, '.env'), idsFile: stateIds } : {}),
      nodeProviders,
      neuronOwners: owners,
      neurons,
      log: (line) => console.log(`deploy: ${line}`),
    });
    if (stateDir && port === 4943) {
      // As deployProject writes them: the governance alias only where no sns_governance holds that role.
      const written = Object.entries(ids).filter(([name]) => name !== 'governance' || !ids.sns_governance);
      writeIds(join(root, '.env'), join(root, ROOT_IDS), Object.fromEntries(written));
      writeDevIdentity(join(root, '.localnet'));
    }
    // What deploy changed is saved before "ready"; a deploy that changed nothing (a restart) leaves the timers'
    // catch-up to the next autosave instead of writing every canister's heap while the first callers wait.
    if (net.changes !== changesBefore) await autosave?.flush();
    const where = stateDir && port !== 4943 ? stateDir : '.env and .localnet';
    console.log(`deploy: done (${Object.keys(ids).join(', ')}); ids in ${where} (.env, canister_ids.json)`);
  } catch (error) {
    await server.close();
    await net.close();
    fail(error instanceof Error ? error.message : String(error));
  }
}
if (values.deploy) console.log(`localnet: ready at ${server.url}`);
