/**
 * npm run bench:start [-- --restarts 3 --port 0 --web-port 0]: how long `npm start` takes to a usable stack (the
 * summary printed: network answering, dashboard served) and to a serving worker, for a first start in a new
 * state dir (the same run's baseline) and then for restarts of that state with unchanged sources. Prints each
 * run's phases as start.ts reports them, the load average beside each (the figures are wall-clock), and the
 * restarts' median against the first start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    restarts: { type: 'string', default: '3' },
    port: { type: 'string', default: '0' },
    'web-port': { type: 'string', default: '0' },
  },
});
const RUN_TIMEOUT_MS = 15 * 60_000;

interface Run {
  upS: number;
  workerS: number;
  phases: string;
  worker: string;
  load: string;
}

/** One `npm start` until its worker serves, then Ctrl-C; resolves once every process it started has exited. */
function startOnce(stateDir: string): Promise<Run> {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--conditions=source', // as npm start runs it (.npmrc): @gatehouse/clients from its sources
      '--import=tsx',
      'scripts/start.ts',
      '--port',
      values.port,
      '--web-port',
      values['web-port'],
      '--state-dir',
      stateDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let upS: number | undefined;
  return new Promise((resolve, reject) => {
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
      child.once('exit', () => resolve({ upS: upS!, workerS, phases, worker: serving[1]!, load }));
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

const dir = mkdtempSync(join(tmpdir(), 'start-bench-'));
try {
  const runs: Array<[string, Run]> = [];
  const report = (name: string, r: Run) => {
    runs.push([name, r]);
    console.log(
      `${name.padEnd(10)} usable ${r.upS.toFixed(2)} s, worker serving ${r.workerS.toFixed(2)} s (load ${r.load})\n` +
        `           phases: ${r.phases}\n           worker: ${r.worker}`,
    );
  };
  report('first', await startOnce(dir));
  for (let i = 1; i <= Number(values.restarts); i++) report(`restart ${i}`, await startOnce(dir));
  const [, first] = runs[0]!;
  const restarts = runs.slice(1).map(([, r]) => r);
  const up = median(restarts.map((r) => r.upS));
  const worker = median(restarts.map((r) => r.workerS));
  console.log(
    `\nrestart median: usable ${up.toFixed(2)} s (${(up / first.upS).toFixed(2)} x the first start's ${first.upS.toFixed(2)} s), ` +
      `worker serving ${worker.toFixed(2)} s (${(worker / first.workerS).toFixed(2)} x ${first.workerS.toFixed(2)} s); ` +
      `load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
