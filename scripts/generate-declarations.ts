/**
 * Generates the TypeScript declarations of clients/ (service types + idlFactory) from the committed .did
 * files with @icp-sdk/bindgen, so programs get their canister types from the one Candid source.
 *
 *   tsx scripts/generate-declarations.ts           write clients/src/declarations/<name>.did.ts
 *   tsx scripts/generate-declarations.ts --check   fail if a committed declaration differs from a fresh one
 *
 * Run it (npm run build:clients) after `npm run build:canisters` changed a .did.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

import { azleCanisters, projectRoot } from './dfx-project.ts';

const OUT_DIR = join(projectRoot, 'clients/src/declarations');
const CLIENT_CANISTERS = ['registry', 'invitation', 'queue', 'llm'];

/** The .did per declaration name: ours from dfx.json, SNS governance the official one clients talk to on mainnet. */
function sources(): Array<{ name: string; did: string }> {
  const ours = azleCanisters()
    .filter((c) => CLIENT_CANISTERS.includes(c.name))
    .map((c) => ({ name: c.name, did: join(projectRoot, c.candid) }));
  const missing = CLIENT_CANISTERS.filter((name) => !ours.some((c) => c.name === name));
  if (missing.length > 0) throw new Error(`dfx.json has no azle canister ${missing.join(', ')}`);
  // Read as a file (the package's exports map does not expose declarations/; nothing imports this path).
  const sns = join(projectRoot, 'node_modules/@icp-sdk/canisters/declarations/sns/governance.did');
  return [...ours, { name: 'sns_governance', did: sns }];
}

/** Runs icp-bindgen on one .did and returns the generated TypeScript. */
function generate(did: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-bindgen-'));
  try {
    execFileSync(
      join(projectRoot, 'node_modules/.bin/icp-bindgen'),
      ['--did-file', did, '--out-dir', scratch, '--declarations-typescript', '--declarations-flat', '--actor-disabled'],
      { stdio: 'pipe' },
    );
    const file = `${basename(did, '.did')}.did.ts`;
    if (!existsSync(join(scratch, file))) throw new Error(`icp-bindgen wrote no ${file}`);
    return readFileSync(join(scratch, file), 'utf8');
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`icp-bindgen failed for ${did}: ${stderr || (error as Error).message}`, { cause: error });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main(): void {
  const check = process.argv.includes('--check');
  const drifted: string[] = [];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const { name, did } of sources()) {
    const target = join(OUT_DIR, `${name.replace(/_/g, '-')}.did.ts`);
    const fresh = generate(did);
    if (check) {
      if (!existsSync(target) || readFileSync(target, 'utf8') !== fresh) drifted.push(relative(projectRoot, target));
    } else {
      writeFileSync(target, fresh);
      console.log(`${relative(projectRoot, did)} -> ${relative(projectRoot, target)}`);
    }
  }
  if (drifted.length > 0) {
    console.error(
      `client declarations differ from the .did files: ${drifted.join(', ')}\n` +
        'run `npm run build:clients` and commit clients/src/declarations',
    );
    process.exit(1);
  }
}

main();
