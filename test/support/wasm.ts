import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type CanisterName = 'registry' | 'invitation' | 'queue';
/** Every canister dfx.json builds: Gatehouse's own plus the local SNS governance. */
export type BuildableCanister = CanisterName | 'sns_governance';

const root = join(import.meta.dirname, '../..');
const LOCK_STALE_MS = 10 * 60_000;

export const wasmPath = (name: BuildableCanister) => join(root, `.azle/${name}/${name}.wasm`);

/** Newest modification time of the canister's (and the shared) non-test sources. */
function newestSource(name: BuildableCanister): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'canisters', name));
  walk(join(root, 'canisters/shared'));
  return newest;
}

const needsBuild = (name: BuildableCanister) =>
  !existsSync(wasmPath(name)) || statSync(wasmPath(name)).mtimeMs < newestSource(name);

/** Blocks the thread (a build lock held by another test process; not a test synchronisation). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** One build at a time across vitest's processes: `mkdir` is atomic. */
function withBuildLock(name: BuildableCanister, build: () => void): void {
  const lock = join(root, `.azle/${name}.build-lock`);
  mkdirSync(join(root, '.azle'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else if (held) pause(250);
    }
  }
  try {
    if (needsBuild(name)) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The built wasm of a canister. When it is missing or older than its sources it is built first
 * (scripts/build-canisters.ts --only <name>): a suite never skips for want of a wasm.
 */
export function ensureWasm(name: BuildableCanister): Uint8Array {
  if (needsBuild(name)) {
    withBuildLock(name, () => {
      const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/build-canisters.ts', '--only', name], {
        cwd: root,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`building ${name} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    });
  }
  return new Uint8Array(readFileSync(wasmPath(name)));
}
