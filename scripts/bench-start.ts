/**
 * npm run bench:start [-- --restarts 3 --baseline DIR... --port 0 --web-port 0]: how long `npm start` takes to a usable
 * stack (the summary printed: network answering, dashboard served) and to a serving worker, for a first start in a
 * new state dir and then for restarts of that state with unchanged sources. Each --baseline, another checkout of
 * the repo (e.g. main's, with its node_modules and builds), is measured in the same run: the checkouts' restarts
 * take turns, so all see the same load. Runs the checkout's own `npm start` script as npm would (its
 * node-options from .npmrc) and prints each run's phases as start.ts reports them, when start.ts spawned localnet
 * (its own start-up: module loading, the build check), the load average beside each (the figures are wall-clock),
 * and the restarts' medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    restarts: { type: 'string', default: '3' },
    baseline: { type: 'string', multiple: true },
    port: { type: 'string', default: '0' },
    'web-port': { type: 'string', default: '0' },
  },
});
const RUN_TIMEOUT_MS = 15 * 60_000;

interface Run {
  upS: number;
  workerS: number;
  /** start.ts's own clock when it spawned localnet */
  localnetAt: string;
  phases: string;
  worker: string;
  load: string;
}

interface Checkout {
  name: string;
  root: string;
  stateDir: string;
  runs: Run[];
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** One `npm start` until its worker serves, then Ctrl-C; resolves once every process it started has exited. */
function startOnce(c: Checkout): Promise<Run> {
  const loadBefore = load();
  const script = (JSON.parse(readFileSync(join(c.root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const args = ['--port', values.port, '--web-port', values['web-port'], '--state-dir', c.stateDir];
  const t0 = performance.now();
  // As npm runs it: a shell (the script execs node) with .npmrc's node-options (@gatehouse/clients from sources).
  const child = spawn('/bin/sh', ['-c', `${script} "$@"`, 'start', ...args], {
    cwd: c.root,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=source`.trim() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let upS: number | undefined;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`npm start did not serve within ${RUN_TIMEOUT_MS} ms:\n${output.slice(-2000)}`));
    }, RUN_TIMEOUT_MS);
    const scan = (chunk: Buffer) => {
      output += chunk.toString();
      if (upS === undefined && /Gatehouse is up in/.test(output)) upS = (performance.now() - t0) / 1000;
      const serving = /worker: serving \S+ \[(.*)\]/.exec(output);
      if (upS === undefined || !serving) return;
      const workerS = (performance.now() - t0) / 1000;
      child.stdout.off('data', scan);
      clearTimeout(timer);
      const phases = /phases: (.*)/.exec(output)![1]!;
      const localnetAt = /start: \[([\d.]+ s)\] starting localnet/.exec(output)?.[1] ?? '?';
      child.once('exit', () =>
        resolvePromise({ upS: upS!, workerS, localnetAt, phases, worker: serving[1]!, load: loadBefore }),
      );
      child.kill('SIGINT');
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (upS === undefined) reject(new Error(`npm start exited (code ${code}):\n${output.slice(-2000)}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

async function measure(c: Checkout, label: string): Promise<void> {
  const r = await startOnce(c);
  c.runs.push(r);
  console.log(
    `${`${c.name} ${label}`.padEnd(20)} usable ${r.upS.toFixed(2)} s, worker serving ${r.workerS.toFixed(2)} s ` +
      `(load ${r.load})\n${''.padEnd(20)} localnet spawned at ${r.localnetAt}; phases: ${r.phases}\n` +
      `${''.padEnd(20)} worker: ${r.worker}`,
  );
}

const checkouts: Checkout[] = [
  { name: 'this', root: process.cwd(), stateDir: mkdtempSync(join(tmpdir(), 'start-bench-')), runs: [] },
  ...(values.baseline ?? []).map((dir, i) => ({
    name: `baseline${values.baseline!.length > 1 ? ` ${i + 1}` : ''}`,
    root: resolve(dir),
    stateDir: mkdtempSync(join(tmpdir(), 'start-bench-')),
    runs: [] as Run[],
  })),
];
try {
  for (const c of checkouts) await measure(c, 'first');
  // Taking turns, each round in the other order, so that no checkout always follows the same one's stop.
  for (let i = 1; i <= Number(values.restarts); i++)
    for (const c of i % 2 ? checkouts : [...checkouts].reverse()) await measure(c, `restart ${i}`);
  console.log('');
  for (const c of checkouts) {
    const restarts = c.runs.slice(1);
    const up = median(restarts.map((r) => r.upS));
    const worker = median(restarts.map((r) => r.workerS));
    console.log(
      `${c.name.padEnd(10)} restart median: usable ${up.toFixed(2)} s, worker serving ${worker.toFixed(2)} s ` +
        `(first start ${c.runs[0]!.upS.toFixed(2)} s / ${c.runs[0]!.workerS.toFixed(2)} s)`,
    );
  }
  console.log(`load average now ${load()}`);
} finally {
  for (const c of checkouts) rmSync(c.stateDir, { recursive: true, force: true });
}
