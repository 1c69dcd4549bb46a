import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { isUpToDate } from '../../scripts/build/canister-build.ts';
import { azleCanisters } from '../../scripts/dfx-project.ts';

export type CanisterName = 'registry' | 'invitation' | 'queue';
/** Every canister dfx.json builds: Gatehouse's own plus the local SNS governance. */
export type BuildableCanister = CanisterName | 'sns_governance' | 'llm';

const root = join(import.meta.dirname, '../..');
const LOCK_STALE_MS = 10 * 60_000;

export const wasmPath = (name: BuildableCanister) => join(root, `.azle/${name}/${name}.wasm`);

/** Missing, or built from other inputs than the current ones (the build's own record says which). */
const needsBuild = (name: BuildableCanister) => {
  const canister = azleCanisters().find((c) => c.name === name);
  if (!canister) throw new Error(`dfx.json has no azle canister ${name}`);
  return !isUpToDate(root, canister);
};

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

/** Every canister dfx.json builds, built if needed: what a whole-project deploy with `build: false` installs. */
export function ensureProjectWasm(): void {
  for (const c of azleCanisters()) ensureWasm(c.name as BuildableCanister);
}

/**
 * The built wasm of a canister. When it is missing or its sources changed since its build it is built first
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
