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
}

interface DfxCanisterConfig {
  main?: string;
  candid?: string;
  wasm?: string;
  build?: string;
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
      return { name, main: config.main, candid: config.candid, wasm: config.wasm };
    });
}
