/**
 * npm start: the whole Gatehouse system in one command.
 *   npx tsx scripts/start.ts [--port 4943] [--web-port 8080] [--state-dir .localnet/state] [--no-worker]
 * 1. builds the canisters (only what changed) and the dashboard (only when its sources are newer than dist/),
 * 2. runs localnet with the canisters and a local SNS whose neurons belong to the dev identity provider's
 *    personas (nora 10 %, alice 35 %, bob 30 %, carol 25 %: no single neuron decides),
 * 3. makes sure the demo contributor (dora) is admitted — nominated by nora, adopted by alice's and bob's
 *    votes — and starts a worker with a bound key serving the generated tiny model,
 * 4. serves the dashboard's production build with the deployment's ids (/gatehouse-config.json),
 * then prints what to try. Ctrl-C stops every process it started; the state dir keeps everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { identityFromPem, identityToPem, RegistryCanister } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Identity } from '@icp-sdk/core/agent';

import { DEV_PERSONAS, personaIdentity } from '../localnet/src/http/identity-provider-keys.ts';
import { nominate } from '../proposals/src/commands/nominate.ts';
import { resolveConfig } from '../proposals/src/config.ts';
import { Session } from '../proposals/src/session.ts';
import { serveDashboard } from './start-web.ts';

const ROOT = process.cwd();
/**
 * Node with tsx's loader (one process per program; the tsx CLI would add a relaying parent), resolving
 * @gatehouse/clients from its sources as `npm run` does (.npmrc).
 */
const TSX = ['--conditions=source', '--import=tsx'];
const MODEL = join(ROOT, 'test/fixtures/models/tiny-chat.gguf');
/** Token stakes of the persona neurons: shares of voting power 10/35/30/25 %. */
const STAKES: Record<string, number> = { nora: 100_000, alice: 350_000, bob: 300_000, carol: 250_000 };
const DEMO = { persona: 'dora', name: 'Dora (demo contributor)', model: 'tiny-chat' };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4943' },
    'web-port': { type: 'string', default: '8080' },
    'state-dir': { type: 'string', default: '.localnet/state' },
    'no-worker': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: npm start -- [--port 4943] [--web-port 8080] [--state-dir .localnet/state] [--no-worker]');
  process.exit(0);
}
const stateDir = resolve(values['state-dir']);
mkdirSync(stateDir, { recursive: true });
const started = performance.now();
const children: ChildProcess[] = [];
let stopping = false;

function say(line: string): void {
  console.log(`start: [${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
}

/** Runs a node script to completion; rejects with its last output lines. */
function run(what: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      children.splice(children.indexOf(child), 1);
      if (code === 0) return resolvePromise(output);
      reject(new Error(`${what} failed (exit ${code}):\n${output.trim().split('\n').slice(-8).join('\n')}`));
    });
  });
}

/** Starts a long-running node process and resolves once a line matches `ready`. */
function serve(
  what: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let found = false;
    let tail = '';
    const scan = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      if (process.env.GATEHOUSE_START_VERBOSE) process.stdout.write(text.replace(/^/gm, `[${what}] `));
      const match = found ? null : ready.exec(tail);
      if (match) {
        found = true;
        resolvePromise({ child, match });
      }
    };
    child.stdout!.on('data', scan);
    child.stderr!.on('data', scan);
    child.on('exit', (code) => {
      if (!found) reject(new Error(`${what} exited (code ${code}) before it was ready:\n${tail.trim()}`));
      else if (!stopping) say(`${what} exited unexpectedly (code ${code}); see GATEHOUSE_START_VERBOSE=1 npm start`);
    });
  });
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

async function buildDashboard(): Promise<void> {
  const dir = join(ROOT, 'frontend');
  const built = join(dir, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => join(dir, f));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  say('building the dashboard (vite build) ...');
  await run('vite build', [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', dir]);
}

async function buildCanisters(): Promise<void> {
  const script = join(ROOT, 'scripts/build-canisters.ts');
  const incremental = readFileSync(script, 'utf8').includes('--if-changed');
  say(incremental ? 'building changed canisters ...' : 'building the canisters ...');
  await run('canister build', [...TSX, script, ...(incremental ? ['--if-changed'] : [])]);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function session(host: string, identity: Identity): Session {
  const config = resolveConfig({ network: 'local', host, canisters: {} } as never, process.env, ROOT);
  return new Session({ config, identity, out: () => undefined });
}

/** dora admitted (nominated by nora, proposal adopted by alice and bob), unless she already is. */
async function admitDemoContributor(host: string): Promise<void> {
  const dora = personaIdentity(DEMO.persona).getPrincipal();
  const nora = session(host, personaIdentity('nora'));
  const registry = RegistryCanister.create({ agent: await nora.agent(), canisterId: nora.canisterId('registry') });
  const isActive = async () => {
    const c = await registry.getContributor({ contributor: dora });
    return c && 'Active' in c.status ? true : undefined;
  };
  if (await isActive()) return;
  say('admitting the demo contributor dora (nominate, propose, two votes) ...');
  const { proposalId } = await nominate(
    nora,
    {
      candidate: dora.toText(),
      name: DEMO.name,
      motivation: 'Runs the demo worker of the local network with the generated tiny model.',
      hardware: { gpu: 'none', vram_gib: 0, ram_gib: 8, cpu_cores: 2, region: 'local' },
      models: [DEMO.model],
    },
    {},
  );
  if (proposalId === undefined) throw new Error('the demo nomination made no proposal');
  for (const voter of ['alice', 'bob']) {
    const s = session(host, personaIdentity(voter));
    await (await s.sns()).registerVote({ neuronId: { id: await s.neuron() }, proposalId: { id: proposalId }, vote: 1 });
  }
  await waitFor('the demo contributor to be admitted', isActive, 60_000);
}

function pemFile(name: string, identity: Ed25519KeyIdentity): string {
  const file = join(stateDir, `${name}.pem`);
  if (!existsSync(file)) writeFileSync(file, identityToPem(identity), { mode: 0o600 });
  return file;
}

async function startWorker(host: string): Promise<ChildProcess> {
  if (!existsSync(MODEL)) {
    say('generating the tiny model ...');
    await run('make-tiny-model', [...TSX, 'worker/scripts/make-tiny-model.ts', '--out', MODEL]);
  }
  const contributor = pemFile('demo-contributor', personaIdentity(DEMO.persona));
  const workerFile = join(stateDir, 'demo-worker.pem');
  const worker = existsSync(workerFile)
    ? identityFromPem(readFileSync(workerFile, 'utf8'))
    : Ed25519KeyIdentity.generate();
  pemFile('demo-worker', worker);
  const cli = join(ROOT, 'worker/src/cli.ts');
  const env = { ...process.env, GATEHOUSE_NETWORK: host };
  const listed = await run('worker keys list', [...TSX, cli, 'keys', 'list', '--contributor', contributor], env);
  if (!listed.includes(worker.getPrincipal().toText())) {
    say('binding the demo worker key ...');
    await run(
      'worker keys bind',
      [...TSX, cli, 'keys', 'bind', '--contributor', contributor, '--identity', workerFile],
      env,
    );
  }
  const { child } = await serve(
    'worker',
    [
      ...TSX,
      cli,
      'start',
      '--model',
      `${DEMO.model}=${MODEL}`,
      '--identity',
      workerFile,
      '--metrics-port',
      'off',
      '--heartbeat-ms',
      '10000',
      '--shutdown-grace-ms',
      '2000',
    ],
    /"event":"ready"/,
    env,
  );
  return child;
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  await Promise.all([buildCanisters(), buildDashboard()]);
  const personas = Object.entries(STAKES).map(([name, tokens]) => ({
    name,
    principal: personaIdentity(name).getPrincipal().toText(),
    tokens,
  }));
  say('starting localnet ...');
  const localnet = await serve(
    'localnet',
    [
      ...TSX,
      'localnet/src/cli.ts',
      '--deploy',
      '--no-build',
      '--quiet',
      '--port',
      values.port,
      '--state-dir',
      stateDir,
      '--node-provider',
      `${personas[0]!.principal}=Nora (local node provider)`,
      ...personas.flatMap((p) => ['--neuron', `${p.principal}=${p.tokens}`]),
    ],
    /localnet: ready at (http:\/\/\S+)/,
  );
  const host = localnet.match[1]!;
  // The personas' keys as PEM, so the proposals and worker CLIs can act as them (--identity).
  mkdirSync(join(stateDir, 'personas'), { recursive: true });
  for (const p of DEV_PERSONAS) pemFile(`personas/${p.name}`, personaIdentity(p.name));
  await admitDemoContributor(host);
  if (!values['no-worker']) await startWorker(host);
  const ids = JSON.parse(readFileSync(join(ROOT, '.localnet/canister_ids.json'), 'utf8')) as Record<
    string,
    { local: string }
  >;
  const web = await serveDashboard({
    root: join(ROOT, 'frontend/dist'),
    port: Number(values['web-port']),
    config: {
      network: 'local',
      host,
      identityProvider: `${host}/identity-provider`,
      canisters: Object.fromEntries(Object.entries(ids).map(([name, v]) => [name, v.local])),
    },
  });
  console.log(`
Gatehouse is up in ${((performance.now() - started) / 1000).toFixed(1)} s (Ctrl-C stops everything; state in ${stateDir})

  Dashboard   ${web.url}
  Network     ${host}   (dev identity provider: ${host}/identity-provider, local only)

  Personas (sign in with any of them from the dashboard):
${DEV_PERSONAS.map((p) => `    ${p.name.padEnd(6)} ${p.role}`).join('\n')}

  The personas' keys for the CLIs: ${join(stateDir, 'personas')}/<name>.pem (e.g. npm run proposals -- --identity …/nora.pem list)

  Try:
    1. Sign in as nora, open Nominations, nominate a contributor (any principal, e.g. sign in as "erin" and copy it).
    2. Sign in as alice and vote on the proposal: 45 % yes is not a majority; then bob's vote adopts it.
    3. Open Registry: the contributor appears; Workers shows dora's demo worker and its figures.
    4. Open Playground: submit a chat to tiny-chat and watch Queued -> Leased -> Completed.
`);
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
