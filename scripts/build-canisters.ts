/**
 * Builds the azle canisters listed in dfx.json, offline, and writes their .did files.
 *
 *   tsx scripts/build-canisters.ts               build all: .did, wasm, wasm.gz
 *   tsx scripts/build-canisters.ts --only X      build one (dfx.json's build command for X)
 *   tsx scripts/build-canisters.ts --if-changed  skip a canister whose inputs equal its last build's
 *   tsx scripts/build-canisters.ts --hashes      then print each module's sha256 (canister_status module_hash)
 *   tsx scripts/build-canisters.ts --check       no build: fail if a committed .did differs from its interface.ts
 *
 * Each `.did` is printed from its canister's `interface.ts` (scripts/candid/emit-did.ts: named types, one field
 * per line). The wasm is reproducible (scripts/build/azle-wasm.ts), carries the custom sections dfx.json's
 * "metadata" declares (`icp:public candid:service`, `icp:public cdk:name`), and azle's own Candid for it lands
 * next to it as `<name>.azle.did` (scripts/candid/served-candid.localnet.test.ts checks both are one type).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildCanister, gzipPath, isUpToDate, sha256 } from './build/canister-build.ts';
import { canisterDid } from './candid/canister-did.ts';
import { azleCanisters, projectRoot, type AzleCanister } from './dfx-project.ts';

/** Builds one canister in a child process (two run side by side: each is mostly single-threaded). */
function buildInChild(canister: AzleCanister): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsx = join(projectRoot, 'node_modules/.bin/tsx');
    const child = spawn(tsx, ['scripts/build-canisters.ts', '--only', canister.name], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`building ${canister.name} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

async function writeDids(canisters: AzleCanister[], check: boolean): Promise<void> {
  const drifted: string[] = [];
  for (const c of canisters) {
    const did = await canisterDid(projectRoot, c.main);
    const committed = join(projectRoot, c.candid);
    const current = existsSync(committed) ? readFileSync(committed, 'utf8') : undefined;
    if (current === did) continue;
    if (check) drifted.push(c.candid);
    else writeFileSync(committed, did);
  }
  if (drifted.length > 0) {
    throw new Error(
      `committed Candid differs from interface.ts for: ${drifted.join(', ')}\n` +
        'run `npm run build:canisters` and commit the .did files',
    );
  }
}

function printHashes(canisters: AzleCanister[]): void {
  // localnet's deploy installs the .wasm; an SNS upgrade proposal carries the .wasm.gz (ingress is 2 MiB).
  // canister_status reports the sha256 of whichever bytes were installed.
  for (const c of canisters) {
    for (const path of [c.wasm, gzipPath(c)]) console.log(`${sha256(readFileSync(join(projectRoot, path)))}  ${path}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
  const all = azleCanisters();
  const selected = only === undefined ? all : all.filter((c) => c.name === only);
  if (selected.length === 0) throw new Error(`no azle canister named "${only}" in dfx.json`);

  const started = performance.now();
  await writeDids(selected, args.includes('--check'));
  if (args.includes('--check')) {
    console.log(`.did files match their interface.ts (${selected.length} canisters)`);
    return;
  }
  process.chdir(projectRoot);
  const stale = args.includes('--if-changed') ? selected.filter((c) => !isUpToDate(projectRoot, c)) : selected;
  if (stale.length === 1) await buildCanister(projectRoot, stale[0]!);
  else {
    for (let i = 0; i < stale.length; i += 2) await Promise.all(stale.slice(i, i + 2).map(buildInChild));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const skipped = selected.filter((c) => !stale.includes(c)).map((c) => c.name);
  console.error(
    `built ${stale.map((c) => c.wasm).join(', ') || 'nothing'} in ${seconds}s` +
      (skipped.length > 0 ? ` (unchanged: ${skipped.join(', ')})` : ''),
  );
  if (args.includes('--hashes')) printHashes(selected);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
