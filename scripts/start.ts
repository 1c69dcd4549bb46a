/**
 * npm start: the whole Gatehouse system in one command.
 *   npm start -- [--port 4943] [--web-port 8080] [--state-dir .localnet/state] [--no-worker]
 * (start-launcher.mjs runs this file from its bundle while that is up to date, else from its sources under tsx)
 * 1. builds the canisters (only what changed), the dashboard (only when its sources are newer than dist/) and the
 *    bundles localnet, the worker and this script run from (program-bundle.ts: only when their sources changed),
 * 2. runs localnet with the canisters and a local SNS whose neurons belong to the dev identity provider's
 *    personas (nora 10 %, alice 35 %, bob 30 %, carol 25 %: no single neuron decides),
 * 3. makes sure the demo contributor (dora) is admitted — nominated by nora, adopted by alice's and bob's
 *    votes — and starts a worker with a bound key serving the generated tiny model,
 * 4. serves the dashboard's production build with the deployment's ids (/gatehouse-config.json),
 * then prints what to try and how long each phase took as soon as the network answers and the dashboard is
 * served: the stack is usable before the worker is (jobs wait queued), so the worker reports on lines of its own —
 * loading its model (with how long that took last time), serving, its first job served. Ctrl-C (SIGINT), SIGTERM
 * or SIGHUP stops every process it started, the worker first (so it hands back its lease while the network is still
 * up); the state dir keeps everything, and the canister ids are written there too (`<state-dir>/.env`), so two stacks never share one file.
 * A restart with unchanged sources does no build: the canisters' build records, the dashboard's dist/ and the
 * bundles' inputs are checked in this process; the worker starts as soon as the network listens (it loads its model
 * while it connects), the admission check and the web server beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { isUpToDate, sha256 } from './build/canister-build.ts';
import { azleCanisters } from './dfx-project.ts';
import { LOCALNET, programBundle, START, WORKER, type Program } from './program-bundle.ts';
import type { StartContext } from './start-admission.ts';
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
/** Since the process started: its own module loading (a second or more under tsx) counts too. */
const elapsed = () => process.uptime() * 1000;
const children: ChildProcess[] = [];
let web: Server | undefined;
let workerChild: ChildProcess | undefined;
let stopping = false;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function say(line: string): void {
  console.log(`start: [${seconds(elapsed())}] ${line}`);
}

/** The official icp CLI as npm installs it (a devDependency). */
const ICP = 'node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp';

/** How long each phase took (printed at the end: what a restart spends its time on). */
const phases: string[] = [
  // node's own start, tsx's when run from sources, and this script's imports
  `start-up ${seconds(elapsed())} (${import.meta.filename.endsWith('.ts') ? 'sources, tsx' : 'bundle'})`,
];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    phases.push(`${name} ${seconds(performance.now() - t0)}`);
  }
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

/**
 * Starts a long-running node process and resolves once a line matches `ready`, with the time from spawn to each
 * of `steps` (earlier lines of its output; a step's callback gets its match) and to ready, for the phase report.
 * `after` sees each later chunk of output (the worker's first job).
 */
function serve(
  what: string,
  args: string[],
  ready: RegExp,
  o: {
    env?: NodeJS.ProcessEnv;
    steps?: Array<[string, RegExp, ((match: RegExpExecArray) => void)?]>;
    after?: (text: string) => void;
  } = {},
): Promise<{ child: ChildProcess; match: RegExpExecArray; timings: string }> {
  return new Promise((resolvePromise, reject) => {
    const spawned = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: o.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    if (what === 'worker') workerChild = child;
    let found = false;
    let tail = '';
    const pending = [...(o.steps ?? [])];
    const reached: string[] = [];
    const scan = (chunk: Buffer) => {
      const text = chunk.toString();
      if (process.env.GATEHOUSE_START_VERBOSE) process.stdout.write(text.replace(/^(?=.)/gm, `[${what}] `));
      if (found) return o.after?.(text);
      tail = (tail + text).slice(-4000);
      for (let i = 0; i < pending.length; i++) {
        const [label, line, then] = pending[i]!;
        const match = line.exec(tail);
        if (!match) continue;
        reached.push(`${label} ${seconds(performance.now() - spawned)}`);
        then?.(match);
        pending.splice(i--, 1);
      }
      const match = ready.exec(tail);
      if (match) {
        found = true;
        const timings = [...reached, `ready ${seconds(performance.now() - spawned)}`].join(', ');
        resolvePromise({ child, match, timings });
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

/**
 * True when every built canister module is one the saved network already runs, so deploy will upgrade nothing
 * and a worker may talk to the canisters before deploy has looked (an upgrade could change their interface).
 */
function deployChangesNothing(): boolean {
  const file = join(stateDir, 'network.json');
  if (!existsSync(file)) return false;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { canisters: Array<{ module?: { hash: { $b: string } } }> };
  const running = new Set(saved.canisters.flatMap((c) => (c.module ? [c.module.hash.$b] : [])));
  return azleCanisters().every((c) => running.has(sha256(readFileSync(join(ROOT, c.wasm)))));
}

/** Builds the canisters whose inputs changed; the check runs here, so an unchanged tree spawns no build. */
async function buildCanisters(): Promise<void> {
  const stale = azleCanisters().filter((c) => !isUpToDate(ROOT, c));
  if (stale.length === 0) return;
  say(`building ${stale.map((c) => c.name).join(', ')} ...`);
  await run('canister build', [...TSX, join(ROOT, 'scripts/build-canisters.ts'), '--if-changed']);
}

/** The worker's environment: this stack's network and canister ids (not whatever ./.env holds). */
function workerEnv(host: string, ids: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GATEHOUSE_NETWORK: host,
    ...Object.fromEntries(Object.entries(ids).map(([name, id]) => [`CANISTER_ID_${name.toUpperCase()}`, id])),
  };
}

const WORKER_KEY = join(stateDir, 'demo-worker.pem');

const context: StartContext = { root: ROOT, stateDir, demo: DEMO, say, run };
let admissionModule: Promise<typeof import('./start-admission.ts')> | undefined;
/** The steps acting as personas, loaded once localnet is spawned (start-admission.ts says why). */
const admission = () => (admissionModule ??= import('./start-admission.ts'));

/** A program's bundled CLI (program-bundle.ts), rebuilt when its sources changed. */
async function bundledCli(program: Program): Promise<string> {
  const dir = await programBundle(ROOT, program, { onBuild: () => say(`building the ${program.name} bundle ...`) });
  return join(dir, 'dist/cli.js');
}

/**
 * The personas' principals as the last start in this state dir derived them (start-admission.ts checks them against
 * the keys and writes them), so that a restart spawns localnet without first loading the key derivation's packages
 * (@icp-sdk/core's identity, a few hundred ms of CPU); derived here when there are none.
 */
const PRINCIPALS = join(stateDir, 'personas/principals.json');

async function personaPrincipals(): Promise<Record<string, string>> {
  try {
    const saved = JSON.parse(readFileSync(PRINCIPALS, 'utf8')) as Record<string, unknown>;
    if (Object.keys(STAKES).every((name) => typeof saved[name] === 'string')) return saved as Record<string, string>;
  } catch {
    // none yet (a first start) or unreadable: derived below
  }
  const { personaIdentity } = await import('../localnet/src/http/identity-provider-keys.ts');
  return Object.fromEntries(Object.keys(STAKES).map((name) => [name, personaIdentity(name).getPrincipal().toText()]));
}

/** How long the demo worker took from spawn to serving on the last start (what "loading model…" quotes). */
const WORKER_TIMING = join(stateDir, 'demo-worker.last-start.json');

function lastWorkerStart(): string {
  try {
    const { servingMs } = JSON.parse(readFileSync(WORKER_TIMING, 'utf8')) as { servingMs: number };
    return ` (last time it served ${seconds(servingMs)} after its start)`;
  } catch {
    return '';
  }
}

/**
 * Starts the demo worker (its key in the state dir) and resolves once it serves; says so, and says when it has
 * served its first job. The stack is usable before: jobs wait queued until it leases them.
 */
async function startWorker(env: NodeJS.ProcessEnv, workerCli: string): Promise<void> {
  if (!existsSync(MODEL)) {
    say('generating the tiny model ...');
    await run('make-tiny-model', [...TSX, 'worker/scripts/make-tiny-model.ts', '--out', MODEL]);
  }
  say(`worker: loading model ${DEMO.model} ...${lastWorkerStart()}`);
  const spawned = performance.now();
  let output = '';
  let toldFirstJob = false;
  const { timings } = await serve(
    'worker',
    [
      workerCli,
      'start',
      '--model',
      `${DEMO.model}=${MODEL}`,
      '--identity',
      WORKER_KEY,
      '--metrics-port',
      'off',
      '--heartbeat-ms',
      '10000',
      '--shutdown-grace-ms',
      '2000',
    ],
    /"event":"ready"/,
    {
      env,
      steps: [
        ['connected', /"event":"starting"/],
        ['model loaded', /"event":"model-loaded"/],
      ],
      after: (text) => {
        if (toldFirstJob) return;
        output = (output + text).slice(-4000);
        const job = /\{"ts"[^\n]*"event":"job"[^\n]*\}\n/.exec(output);
        if (!job) return;
        toldFirstJob = true;
        const r = JSON.parse(job[0]) as { id: string; outcome: string; tokens_out: number; ms: number };
        say(`worker: served its first job (job ${r.id}: ${r.outcome}, ${r.tokens_out} tokens in ${seconds(r.ms)})`);
      },
    },
  );
  const servingMs = performance.now() - spawned;
  writeFileSync(WORKER_TIMING, JSON.stringify({ servingMs: Math.round(servingMs) }) + '\n');
  say(`worker: serving ${DEMO.model} [${timings}]`);
}

function exited(child: ChildProcess): Promise<unknown> | undefined {
  return child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : undefined;
}

/** Stops the worker first (it hands back its lease and says goodbye while localnet still answers), then the rest. */
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  web?.close();
  const [workers, others] = [children.filter((c) => c === workerChild), children.filter((c) => c !== workerChild)];
  for (const group of [workers, others]) {
    for (const child of group) if (child.exitCode === null) child.kill('SIGINT');
    await Promise.all(group.map(exited));
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));

try {
  // The localnet bundle is built even when this start cannot use it (a deploy that installs), so that the restart
  // after a first start finds it built.
  // So is npm start's own (start-launcher.mjs runs it from the next start on).
  const [, , workerCli, localnetBundle] = await phase('build check', () =>
    Promise.all([
      buildCanisters(),
      buildDashboard(),
      bundledCli(WORKER),
      bundledCli(LOCALNET),
      programBundle(ROOT, START, { onBuild: () => say('building the start bundle ...') }),
    ]),
  );
  const principals = await personaPrincipals();
  const personas = Object.entries(STAKES).map(([name, tokens]) => ({ name, principal: principals[name]!, tokens }));
  // A restart (ids and the worker's key from the last run, every module one the network runs) starts the worker
  // as soon as the network listens: its process start and model load overlap localnet's deploy check and the
  // admission check. A first start binds the key first.
  const idsFile = join(stateDir, 'canister_ids.json');
  const readIds = (): Record<string, string> =>
    Object.fromEntries(
      Object.entries(JSON.parse(readFileSync(idsFile, 'utf8')) as Record<string, { local: string }>).map(
        ([name, v]) => [name, v.local],
      ),
    );
  const unchanged = existsSync(idsFile) && deployChangesNothing();
  const restart = unchanged && !values['no-worker'] && existsSync(WORKER_KEY);
  // Deploy will install nothing: localnet runs bundled, without tsx's loader (program-bundle.ts), which could not
  // load the canisters' interface.ts that an install or upgrade needs.
  const localnetCli = unchanged ? [localnetBundle] : [...TSX, 'localnet/src/cli.ts'];
  /** What the stack needs besides the network: dora admitted (her bound keys) and the dashboard served. */
  const admittedAndServed = (host: string, ids: Record<string, string>) =>
    Promise.all([
      phase('admission check', async () => (await admission()).admitDemoContributor(context, host)),
      phase('dashboard server', () =>
        serveDashboard({
          root: join(ROOT, 'frontend/dist'),
          port: Number(values['web-port']),
          config: { network: 'local', host, identityProvider: `${host}/identity-provider`, canisters: ids },
        }),
      ),
    ]);
  // When deploy will change nothing, the canisters answer as soon as the network listens: the admission check,
  // the dashboard and the worker start then, beside deploy's check.
  let early: ReturnType<typeof admittedAndServed> | undefined;
  let earlyWorker: Promise<void> | undefined;
  let earlyQueue: string | undefined;
  const onListening = (match: RegExpExecArray) => {
    if (!unchanged) return;
    const ids = readIds();
    earlyQueue = ids.queue;
    // The worker first: its spawn is the longest path (process start, model load), the checks' first steps are not.
    if (restart) {
      earlyWorker = startWorker(workerEnv(match[1]!, ids), workerCli);
      earlyWorker.catch(() => undefined); // reported below
    }
    early = admittedAndServed(match[1]!, ids);
    early.catch(() => undefined); // awaited below
  };
  say('starting localnet ...');
  const localnetReady = serve(
    'localnet',
    [
      ...localnetCli,
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
    {
      steps: [
        ['state loaded', /localnet: (resumed|new network)/],
        ['listening', /localnet: listening on (http:\/\/\S+)/, onListening],
      ],
    },
  );
  void admission(); // loads while localnet loads its state
  const localnet = await localnetReady;
  phases.push(`localnet [${localnet.timings}]`);
  const host = localnet.match[1]!;
  const ids = readIds();
  if (earlyQueue !== undefined && earlyQueue !== ids.queue)
    throw new Error(`the queue's id changed from ${earlyQueue} to ${ids.queue}: is ${idsFile} from this state dir?`);
  const { DEV_PERSONAS, writePersonaKeys } = await admission();
  writePersonaKeys(context, { file: PRINCIPALS, used: principals });
  const [boundKeys, served] = await (early ?? admittedAndServed(host, ids));
  // The stack is usable now; the worker (process start and model load) reports on its own when it serves.
  const env = workerEnv(host, ids);
  let workerState = values['no-worker'] ? 'not started (--no-worker)' : `loading model ${DEMO.model} ...`;
  if (!values['no-worker']) {
    void admission()
      .then((a) => a.bindWorkerKey(context, { env, boundKeys, workerCli, workerKey: WORKER_KEY }))
      .then(() => earlyWorker ?? startWorker(env, workerCli))
      .then(
        () => (workerState = 'serving'),
        (error: unknown) => {
          if (stopping) return;
          const reason = error instanceof Error ? error.message : String(error);
          say(`worker failed; the rest stays up and jobs wait queued:\n${reason}`);
        },
      );
  }
  web = served.server;
  const cliFlags = values.port === '4943' ? '' : ` --host ${host} --env-file ${join(stateDir, '.env')}`;
  console.log(`
Gatehouse is up in ${seconds(elapsed())} (Ctrl-C stops everything; state in ${stateDir})
  phases: ${phases.join(' | ')}

  Dashboard   ${served.url}
  Worker      dora's demo worker: ${workerState} (jobs wait queued until it serves; the lines below say when)
  Network     ${host}   (dev identity provider: ${host}/identity-provider, local only)
  LLM         ${ids.llm ?? '(not deployed)'}   (the IC LLM canister's id: @dfinity/llm, ic-llm and mo:llm
              canisters deployed here reach dora's worker unchanged; models llama3.1:8b, qwen3:32b, llama4-scout)

  Personas (sign in with any of them from the dashboard):
${DEV_PERSONAS.map((p) => `    ${p.name.padEnd(6)} ${p.role}`).join('\n')}

  The personas' keys for the CLIs: ${join(stateDir, 'personas')}/<name>.pem
  e.g. npm run proposals --${cliFlags} --identity ${join(stateDir, 'personas')}/nora.pem list

  Try:
    1. Sign in as nora, open Nominations, nominate a contributor (any principal, e.g. sign in as "erin" and copy it).
    2. Sign in as alice and vote on the proposal: 45 % yes is not a majority; then bob's vote adopts it.
    3. Open Registry: the contributor appears; Workers shows dora's demo worker and its figures.
    4. Open Playground: submit a chat to tiny-chat and watch Queued -> Leased -> Completed.
    5. Ask the LLM canister as any canister would (the call waits for the worker; anonymous callers are refused):
       ${ICP} identity import --storage plaintext --from-pem ${join(stateDir, 'personas')}/alice.pem alice
       ${ICP} canister call --network ${host} --root-key fetch --identity alice ${ids.llm ?? '<llm id>'} v0_chat \\
         '(record { model = "llama3.1:8b"; messages = vec { record { role = variant { user }; content = "hi" } } })'
`);
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
