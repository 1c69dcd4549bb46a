/**
 * Builds the azle canisters listed in dfx.json, offline, and writes their .did files.
 *
 *   tsx scripts/build-canisters.ts            build all, write wasm and .did
 *   tsx scripts/build-canisters.ts --only X   build one (dfx.json's build command for X)
 *   tsx scripts/build-canisters.ts --check    build all, fail if a committed .did differs from the build's
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { azleCanisters, projectRoot, type AzleCanister } from './dfx-project.ts';

function azleBuild(canister: AzleCanister, candidPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(projectRoot, 'node_modules/.bin/azle'), ['build', canister.name], {
      cwd: projectRoot,
      env: { ...process.env, AZLE_DFX_ROOT: projectRoot, CANISTER_CANDID_PATH: candidPath },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`azle build ${canister.name} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

  const all = azleCanisters();
  const selected = only === undefined ? all : all.filter((c) => c.name === only);
  if (selected.length === 0) throw new Error(`no azle canister named "${only}" in dfx.json`);

  const scratch = check ? mkdtempSync(join(tmpdir(), 'gatehouse-did-')) : undefined;
  const candidPath = (c: AzleCanister) => (scratch ? join(scratch, `${c.name}.did`) : join(projectRoot, c.candid));

  const started = Date.now();
  // Two at a time: each build is one esbuild bundle plus a wasm run, mostly single-threaded.
  for (let i = 0; i < selected.length; i += 2) {
    await Promise.all(selected.slice(i, i + 2).map((c) => azleBuild(c, candidPath(c))));
  }

  const drifted = scratch
    ? selected.filter((c) => readFileSync(candidPath(c), 'utf8') !== readFileSync(join(projectRoot, c.candid), 'utf8'))
    : [];
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (drifted.length > 0) {
    throw new Error(
      `committed Candid differs from the build for: ${drifted.map((c) => c.candid).join(', ')}\n` +
        'run `npm run build:canisters` and commit the .did files',
    );
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`built ${selected.map((c) => c.wasm).join(', ')} in ${seconds}s${check ? '; .did files match' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
