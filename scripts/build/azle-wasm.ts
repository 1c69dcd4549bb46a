/**
 * One canister's wasm, built with azle's own build steps but without the build folder in it, so the same
 * commit gives the same bytes in any folder: `azle build` names the bundle after its absolute path
 * (`<root>/.azle/<name>/main.js`, the module name every JavaScript stack trace and Candid-decode trap message
 * shows); here it is the project-relative `.azle/<name>/main.js`. esbuild already writes its module comments
 * relative to the working directory (the project root). No step reads the clock.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { AzleCanister } from '../dfx-project.ts';

interface MethodMeta {
  [kind: string]: unknown;
}
interface WasmData {
  envVars: Array<[string, string]>;
  mainJsPath: string;
  [key: string]: unknown;
}

/** azle's build steps: modules of the installed package that its "exports" map does not list. */
async function azleSteps(projectRoot: string) {
  const root = join(projectRoot, 'node_modules/azle');
  const step = async <T>(path: string) => (await import(pathToFileURL(join(root, path)).href)) as T;
  const { compile } = await step<{ compile(main: string): Promise<string> }>(
    'src/stable/build/commands/build/javascript.ts',
  );
  const { getWasmBinary } = await step<{
    getWasmBinary(io: 'inherit', js: string, data: WasmData, meta?: MethodMeta): Promise<Uint8Array>;
  }>('src/stable/build/commands/build/wasm_binary/index.ts');
  const { execute } = await step<{ execute(wasm: Uint8Array): Promise<{ candid: string; methodMeta: MethodMeta }> }>(
    'src/stable/build/commands/build/candid_and_method_meta/execute.ts',
  );
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return { compile, getWasmBinary, execute, version };
}

export interface AzleWasm {
  wasm: Uint8Array;
  /** The Candid azle generates from the canister's decorators: what the wasm decodes and encodes. */
  candid: string;
  /** The bundle's source files, relative to the project root (what a rebuild depends on). */
  inputs: string[];
  azleVersion: string;
}

/** Builds the canister's wasm; run from the project root (esbuild's paths are relative to the working directory). */
export async function buildAzleWasm(projectRoot: string, canister: AzleCanister): Promise<AzleWasm> {
  if (process.cwd() !== projectRoot) throw new Error(`build from the project root (${projectRoot})`);
  process.env.AZLE_DFX_ROOT = projectRoot;
  const azle = await azleSteps(projectRoot);
  const mainJsPath = join(dirname(canister.wasm), 'main.js');
  const [js, inputs] = await Promise.all([azle.compile(canister.main), bundleInputs(canister.main)]);
  mkdirSync(join(projectRoot, dirname(canister.wasm)), { recursive: true });
  writeFileSync(join(projectRoot, mainJsPath), js);
  // Only AZLE_VERSION: azle would also copy AZLE_LOG_ACTIONS & co. from the build's environment.
  const data: WasmData = { envVars: [['AZLE_VERSION', azle.version]], mainJsPath };
  const { candid, methodMeta } = await azle.execute(await azle.getWasmBinary('inherit', js, data));
  const wasm = await azle.getWasmBinary('inherit', js, data, methodMeta);
  return { wasm, candid, inputs, azleVersion: azle.version };
}

/** Every file azle's bundle of `main` reads: the canister's sources, the shared ones, azle's runtime. */
async function bundleInputs(main: string): Promise<string[]> {
  // Loaded here, not with this module: npm start imports it for the up-to-date check alone.
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    stdin: { contents: `import 'azle/_internal/globals'; import 'azle'; import './${main}';`, resolveDir: '.' },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    preserveSymlinks: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .filter((path) => path !== '<stdin>')
    .sort();
}
