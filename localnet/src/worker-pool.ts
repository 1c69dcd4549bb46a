/**
 * Canister worker threads booted ahead of need: starting a thread and loading the engine takes tens of ms, so
 * at least one booted spare per stack size waits for the next install, upgrade or restart (taking the last one
 * starts booting the next), and a restore boots one per canister at once. A booted spare is unref'd: waiting, it
 * never keeps the process alive.
 *
 * The threads run the engine as plain JavaScript, bundled from its TypeScript sources once per process. A thread
 * that registered tsx to load the sources itself cost ~0.4 s of CPU (each registration starts a loader thread of
 * its own), five of them side by side were the longest step of a restart.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

let code: Promise<string> | undefined;

/** worker.ts and what it imports as one CommonJS script (a Worker evaluates a string as CommonJS). */
function workerCode(): Promise<string> {
  code ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return code;
}

/** Booted (or booting) workers by stack size, taken in the order they were started. */
const spares = new Map<number, Array<Promise<Worker | undefined>>>();

/** A worker that has loaded its modules (it says 'ready'); undefined if it failed to boot. */
async function boot(stackSizeMb: number): Promise<Worker | undefined> {
  const worker = new Worker(await workerCode(), { eval: true, resourceLimits: { stackSizeMb } });
  return new Promise((resolve) => {
    // Only our own listeners come off: Worker keeps internal ones (removeAllListeners would break delivery).
    const done = (booted: Worker | undefined) => {
      worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
      resolve(booted);
    };
    const onFailure = () => done(undefined);
    const onMessage = (m: { type?: string }) => {
      if (m.type !== 'ready') return void worker.terminate().then(onFailure);
      worker.unref(); // idle until taken
      done(worker);
    };
    worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
  });
}

/** Starts bundling the workers' code (a few hundred ms under load) while the caller does other work. */
export function prepareWorkers(): void {
  workerCode().catch(() => undefined); // a failed build fails the first take, which reports it
}

/**
 * Boots `count` workers now for takes about to come (a restore knows how many canisters it resumes): they boot
 * in their threads while the main thread compiles the modules, instead of one after each compile.
 */
export function reserveWorkers(stackSizeMb: number, count: number): void {
  const list = spares.get(stackSizeMb) ?? [];
  for (let i = 0; i < count; i++) list.push(boot(stackSizeMb));
  spares.set(stackSizeMb, list);
}

/** A booted worker with the given stack size, yours to attach listeners to and to terminate. */
export async function takeWorker(stackSizeMb: number): Promise<Worker> {
  const list = spares.get(stackSizeMb) ?? [];
  spares.set(stackSizeMb, list);
  const spare = list.shift();
  if (list.length === 0) list.push(boot(stackSizeMb)); // the next take's
  const worker = (await spare) ?? (await boot(stackSizeMb));
  if (!worker) throw new Error('canister worker failed to start');
  worker.ref();
  return worker;
}
