/**
 * Builds the example with the project's reproducible azle build (scripts/build/), as dfx would build it from
 * examples/llm-client/dfx.json: `npx tsx examples/llm-client/build.ts` writes .azle/llm_client/llm_client.wasm.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildCanister, isUpToDate } from '../../scripts/build/canister-build.ts';
import { projectRoot, type AzleCanister } from '../../scripts/dfx-project.ts';

export const LLM_CLIENT: AzleCanister = {
  name: 'llm_client',
  main: 'examples/llm-client/index.ts',
  candid: 'examples/llm-client/llm_client.did',
  wasm: '.azle/llm_client/llm_client.wasm',
  metadata: [],
};

/** The example's wasm, built first when missing or stale. */
export async function llmClientWasm(): Promise<Uint8Array> {
  if (!isUpToDate(projectRoot, LLM_CLIENT)) {
    mkdirSync(join(projectRoot, dirname(LLM_CLIENT.wasm)), { recursive: true });
    await buildCanister(projectRoot, LLM_CLIENT);
  }
  return new Uint8Array(readFileSync(join(projectRoot, LLM_CLIENT.wasm)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wasm = await llmClientWasm();
  console.log(`${LLM_CLIENT.wasm}: ${wasm.length} bytes`);
}
