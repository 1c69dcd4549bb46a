/**
 * The `npm start` stack for browser tests: npm start's launcher (scripts/start-launcher.mjs) on free ports with a fresh state dir (or the given
 * one, kept for a restart), its URLs read from its summary, stopped with SIGINT as Ctrl-C would (which also proves
 * every child goes with it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

export interface Stack {
  dashboard: string;
  network: string;
  /** scripts/start.ts's process */
  pid: number;
  output: () => string;
  stop: () => Promise<number | null>;
}

const withoutNodeEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV'));

export async function startStack(o: { timeoutMs: number; stateDir?: string }): Promise<Stack> {
  const stateDir = o.stateDir ?? mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=source', // as npm start runs it (.npmrc's node-options)
      'scripts/start-launcher.mjs',
      '--port',
      '0',
      '--web-port',
      '0',
      '--state-dir',
      stateDir,
    ],
    // Without vitest's NODE_ENV=test, as a user's npm start runs: its vite build would inherit it and make React's
    // development build (first-load JS 222 KB gzip instead of 161, and slower) what the specs and bench:frontend load.
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: withoutNodeEnv() },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ dashboard: string; network: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start not ready in ${o.timeoutMs} ms:\n${output}`)),
      o.timeoutMs,
    );
    const scan = (chunk: Buffer) => {
      output += chunk.toString();
      const dashboard = /Dashboard\s+(http:\/\/\S+)/.exec(output)?.[1];
      const network = /Network\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (dashboard && network) {
        clearTimeout(timer);
        resolve({ dashboard, network });
      }
    };
    child.stdout!.on('data', scan);
    child.stderr!.on('data', scan);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`));
    });
  });
  const urls = await ready;
  return {
    ...urls,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      if (!o.stateDir) rmSync(stateDir, { recursive: true, force: true });
      return code;
    },
  };
}
