import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface AzleCanister {
  name: string;
  main: string;
  /** Committed Candid file, relative to the project root. */
  candid: string;
  /** Wasm written by the build, relative to the project root. */
  wasm: string;
  /** Custom sections the build embeds (dfx.json "metadata"). */
  metadata: DfxMetadata[];
}

/** A dfx.json metadata entry: embedded as the custom section `icp:public <name>` (or `icp:private <name>`). */
export interface DfxMetadata {
  name: string;
  /** The section's text; without it `path` names a file, and `candid:service` defaults to the canister's .did. */
  content?: string;
  path?: string;
  visibility?: 'public' | 'private';
}

interface DfxCanisterConfig {
  main?: string;
  candid?: string;
  wasm?: string;
  build?: string;
  metadata?: DfxMetadata[];
}

/** The canisters of dfx.json that our own build script builds with azle, in dfx.json order. */
export function azleCanisters(): AzleCanister[] {
  const dfx = JSON.parse(readFileSync(join(projectRoot, 'dfx.json'), 'utf8')) as {
    canisters: Record<string, DfxCanisterConfig>;
  };
  return Object.entries(dfx.canisters)
    .filter(([, config]) => config.build?.includes('build:canister') === true)
    .map(([name, config]) => {
      if (!config.main || !config.candid || !config.wasm) {
        throw new Error(`dfx.json canister "${name}" needs "main", "candid" and "wasm"`);
      }
      return { name, main: config.main, candid: config.candid, wasm: config.wasm, metadata: config.metadata ?? [] };
    });
}

/** Where the build keeps azle's own Candid for a canister's wasm (generated from the decorators). */
export const azleCandidPath = (c: AzleCanister) => join(projectRoot, dirname(c.wasm), `${c.name}.azle.did`);
