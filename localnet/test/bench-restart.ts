/**
 * A restart's state load: `npm run bench:restart [-- --rounds 3] [--state-dir DIR]`. Not a test: prints how long
 * `openStateDir` takes to resume a Gatehouse-sized network (the project's canisters deployed, as `npm start` keeps
 * them; or the saved network in DIR, e.g. npm start's, which it only reads), wall-clock and CPU (every thread of
 * the process), each in a fresh process. The same run's baseline is the same load with the cache of instrumented
 * modules cold (module-cache.ts: a first restart after /tmp was cleaned); rounds alternate the two, and the load
 * average is printed beside each, for the figures are wall-clock on a shared machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { deployProject } from '../src/deploy.ts';
import { Autosave, openStateDir } from '../src/state-dir.ts';
import { ensureBuilt, projectRoot } from './http/harness.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'state-dir': { type: 'string' },
    child: { type: 'string' }, // internal: load this state dir once and print the figures
  },
});

interface Figures {
  ms: number;
  cpuMs: number;
  canisters: number;
}

if (values.child) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const { net } = await openStateDir(values.child);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const figures: Figures = { ms, cpuMs: (used.user + used.system) / 1000, canisters: net.canisterIds().length };
  console.log(JSON.stringify(figures));
  await net.close();
  process.exit(0);
}

/** A new network in a fresh directory with the project's canisters deployed, saved as npm start leaves it. */
async function gatehouseStateDir(): Promise<string> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'localnet-bench-restart-'));
  const { net, keys } = await openStateDir(dir);
  const scratch = mkdtempSync(join(tmpdir(), 'localnet-bench-ids-'));
  await deployProject(net, {
    root: projectRoot,
    build: false,
    envFile: join(scratch, '.env'),
    idsFile: join(scratch, 'canister_ids.json'),
  });
  await new Autosave(net, dir, keys, 3_600_000).stop();
  await net.close();
  rmSync(scratch, { recursive: true, force: true });
  return dir;
}

/** One state load in a fresh process; `tmp` moves the instrumented-module cache (os.tmpdir()) elsewhere. */
function loadOnce(dir: string, tmp?: string): Promise<Figures> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import=tsx', self, '--child', dir], {
    env: { ...process.env, ...(tmp ? { TMPDIR: tmp } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Figures) : reject(new Error(out)),
    ),
  );
}

const owned = values['state-dir'] === undefined;
const dir = values['state-dir'] ?? (await gatehouseStateDir());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (f: Figures) => `${(f.ms / 1000).toFixed(2)} s (cpu ${(f.cpuMs / 1000).toFixed(2)} s)`;
const warm: Figures[] = [];
const cold: Figures[] = [];
await loadOnce(dir); // fills the cache for the warm rounds (the state dir may be new to this machine)
for (let round = 0; round < Number(values.rounds); round++) {
  const load = loadavg()[0]!.toFixed(1);
  const tmp = mkdtempSync(join(tmpdir(), 'localnet-bench-cold-'));
  cold.push(await loadOnce(dir, tmp));
  rmSync(tmp, { recursive: true, force: true });
  warm.push(await loadOnce(dir));
  console.log(
    `round ${round + 1} (load ${load}, ${warm.at(-1)!.canisters} canisters): restart ${show(warm.at(-1)!)}, ` +
      `cold module cache ${show(cold.at(-1)!)}`,
  );
}
const [w, c] = [median(warm.map((f) => f.ms)), median(cold.map((f) => f.ms))];
console.log(
  `state load, median of ${warm.length}: restart ${(w / 1000).toFixed(2)} s, cold module cache ${(c / 1000).toFixed(2)} s ` +
    `(restart/cold ${(w / c).toFixed(2)}); cpu ${(median(warm.map((f) => f.cpuMs)) / 1000).toFixed(2)} s vs ` +
    `${(median(cold.map((f) => f.cpuMs)) / 1000).toFixed(2)} s; load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
if (owned) rmSync(dir, { recursive: true, force: true });
