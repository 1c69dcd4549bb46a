/**
 * A canister's build: azle's wasm with the dfx.json metadata embedded, its deterministic gzip, azle's own
 * Candid, and a record of what it was built from, so an unchanged canister need not be built again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { azleCandidPath, type AzleCanister } from '../dfx-project.ts';
import { buildAzleWasm } from './azle-wasm.ts';
import { gzipWasm, withCustomSections, type CustomSection } from './wasm-sections.ts';

/** Files every canister's build depends on besides its bundle's sources. */
const BUILD_FILES = [
  'scripts/build-canisters.ts',
  'scripts/dfx-project.ts',
  'scripts/build/azle-wasm.ts',
  'scripts/build/canister-build.ts',
  'scripts/build/wasm-sections.ts',
  'node_modules/azle/package.json',
  'node_modules/azle/dist/canister_templates/stable.wasm',
];

export interface BuildRecord {
  /** sha256 over the inputs' contents, the build files and the canister's dfx.json entry. */
  inputsHash: string;
  inputs: string[];
  azleVersion: string;
  wasmSha256: string;
  gzipSha256: string;
}

export const gzipPath = (c: AzleCanister) => `${c.wasm}.gz`;
const recordPath = (c: AzleCanister) => join(dirname(c.wasm), 'build.json');

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The sections dfx.json declares, as dfx would embed them. */
export function metadataSections(projectRoot: string, c: AzleCanister): CustomSection[] {
  return c.metadata.map((m) => {
    let content = m.content;
    if (content === undefined && m.path !== undefined) content = readFileSync(join(projectRoot, m.path), 'utf8');
    if (content === undefined && m.name === 'candid:service')
      content = readFileSync(join(projectRoot, c.candid), 'utf8');
    if (content === undefined) throw new Error(`dfx.json ${c.name} metadata "${m.name}" needs "content" or "path"`);
    return { name: `icp:${m.visibility ?? 'public'} ${m.name}`, content: new TextEncoder().encode(content) };
  });
}

/** File hashes by path for one run: the canisters share azle's runtime and the build files. */
const fileHashes = new Map<string, string>();

function fileHash(file: string): string {
  let hash = fileHashes.get(file);
  if (hash === undefined) fileHashes.set(file, (hash = existsSync(file) ? sha256(readFileSync(file)) : 'missing'));
  return hash;
}

export function inputsHash(projectRoot: string, c: AzleCanister, inputs: string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(c));
  const metadataFiles = c.metadata.flatMap((m) => (m.path ? [m.path] : m.name === 'candid:service' ? [c.candid] : []));
  for (const path of [...BUILD_FILES, ...metadataFiles, ...inputs]) {
    hash.update(`${path}\0${fileHash(join(projectRoot, path))}\n`);
  }
  return hash.digest('hex');
}

function readRecord(projectRoot: string, c: AzleCanister): BuildRecord | undefined {
  const file = join(projectRoot, recordPath(c));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildRecord) : undefined;
}

/** True when the wasm on disk was built by this script from exactly the current inputs. */
export function isUpToDate(projectRoot: string, c: AzleCanister): boolean {
  const record = readRecord(projectRoot, c);
  const wasm = join(projectRoot, c.wasm);
  const gzip = join(projectRoot, gzipPath(c));
  if (!record || !existsSync(wasm) || !existsSync(gzip)) return false;
  return (
    record.inputsHash === inputsHash(projectRoot, c, record.inputs) &&
    record.wasmSha256 === sha256(readFileSync(wasm)) &&
    record.gzipSha256 === sha256(readFileSync(gzip))
  );
}

export async function buildCanister(projectRoot: string, c: AzleCanister): Promise<BuildRecord> {
  const built = await buildAzleWasm(projectRoot, c);
  fileHashes.clear();
  const wasm = withCustomSections(built.wasm, metadataSections(projectRoot, c));
  const gzip = gzipWasm(wasm);
  writeFileSync(join(projectRoot, c.wasm), wasm);
  writeFileSync(join(projectRoot, gzipPath(c)), gzip);
  writeFileSync(azleCandidPath(c), built.candid);
  const record: BuildRecord = {
    inputsHash: inputsHash(projectRoot, c, built.inputs),
    inputs: built.inputs,
    azleVersion: built.azleVersion,
    wasmSha256: sha256(wasm),
    gzipSha256: sha256(gzip),
  };
  writeFileSync(join(projectRoot, recordPath(c)), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
