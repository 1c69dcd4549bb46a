/**
 * npm start's programs (localnet, the demo worker and its inference child) as plain-JS bundles: loading their
 * TypeScript sources through tsx's loader costs each process a second or more of CPU on the way to a usable stack
 * and a serving worker. Packages stay external (node resolves them from the repo's node_modules); our own
 * sources, @gatehouse/clients included, are bundled. A bundle is rebuilt when any of its inputs changed since it was
 * built (their mtimes are recorded beside it: program-bundle-run.mjs). Modules a program imports dynamically go
 * to chunks of their own (dist/<name>-<hash>.js, beside the entries so that import.meta.url means the same
 * directory in both), so that what a program imports only when it needs it, packages included, loads only then.
 *
 * Layout, as a published package: `<cache>/<name>/package.json` (a copy of the program's, or one that only says
 * `"type": "module"`) and `<cache>/<name>/dist/<entry>.js`, so that `new URL('./child.js', import.meta.url)` and
 * `new URL('../package.json', import.meta.url)` find what they find in the package's own dist/.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { bundleIsUpToDate, RECORD } from './program-bundle-run.mjs';

export interface Program {
  /** its directory in the cache */
  name: string;
  /** output name (dist/<name>.js) → entry source, relative to the repo root */
  entries: Record<string, string>;
  /** the package.json copied beside dist/, relative to the repo root */
  packageJson?: string;
  /** every bundled module's import.meta.url is this source's (localnet finds its own files beside its sources) */
  metaUrlOf?: string;
}

export const LOCALNET: Program = {
  name: 'localnet',
  entries: { cli: 'localnet/src/cli.ts' },
  metaUrlOf: 'localnet/src/cli.ts',
};

/** The worker's CLI and, beside it, the inference child it forks (spawn-child.ts: `./child.js`). */
export const WORKER: Program = {
  name: 'worker',
  entries: { cli: 'worker/src/cli.ts', child: 'worker/src/inference/child.ts' },
  packageJson: 'worker/package.json',
};

/** npm start itself (start-launcher.mjs runs this bundle while it is up to date). */
export const START: Program = {
  name: 'start',
  entries: { start: 'scripts/start.ts' },
  metaUrlOf: 'scripts/start.ts',
};

/** The files of the bundle in `dir` as its record lists them (none when there is no record of that form). */
function recordedOutputs(dir: string): string[] {
  try {
    return (JSON.parse(readFileSync(join(dir, RECORD), 'utf8')) as { outputs?: string[] }).outputs ?? [];
  } catch {
    return [];
  }
}

/**
 * The program's bundle directory, rebuilt first when an input changed (`onBuild` hears of it first). Another
 * process starting the program meanwhile runs the old files or the new ones: each is renamed into place, the chunks
 * (content-hashed names) first, the entry points after them, the record last; the files of the build replaced are
 * kept (such a process may import its chunks later), any older ones removed.
 */
export async function programBundle(
  root: string,
  program: Program,
  o: { cache?: string; onBuild?: () => void } = {},
): Promise<string> {
  const cache = o.cache ?? join(root, 'node_modules/.cache/gatehouse');
  const dir = join(cache, program.name);
  const entries = Object.keys(program.entries);
  if (bundleIsUpToDate(dir, entries)) return dir;
  o.onBuild?.();
  const tmp = join(cache, `${program.name}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  // Loaded only to build: a start that finds every bundle up to date does without it.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(program.entries).map(([out, src]) => [out, join(root, src)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: root,
    outdir: join(tmp, 'dist'),
    splitting: true,
    conditions: ['source'],
    ...(program.metaUrlOf && {
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, program.metaUrlOf)).href) },
    }),
    metafile: true,
    logLevel: 'error',
    plugins: [
      {
        name: 'packages-external',
        setup: (b) =>
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@gatehouse/') ? undefined : { external: true })),
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs).map((f) => join(root, f));
  if (program.packageJson) inputs.push(join(root, program.packageJson));
  writeFileSync(
    join(tmp, 'package.json'),
    program.packageJson ? readFileSync(join(root, program.packageJson)) : '{ "type": "module" }\n',
  );
  const main = `dist/${entries[0]}.js`;
  const entryFiles = entries.map((out) => `dist/${out}.js`);
  const order = (f: string) => (f === main ? 2 : entryFiles.includes(f) ? 1 : 0);
  const outputs = Object.keys(result.metafile.outputs)
    .map((f) => relative(tmp, join(root, f)))
    .sort((a, b) => order(a) - order(b));
  writeFileSync(
    join(tmp, RECORD),
    JSON.stringify({ inputs: Object.fromEntries(inputs.map((f) => [f, statSync(f).mtimeMs])), outputs }),
  );
  const kept = new Set([...outputs, ...recordedOutputs(dir)]);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const file of ['package.json', ...outputs, RECORD]) renameSync(join(tmp, file), join(dir, file));
  for (const file of readdirSync(join(dir, 'dist')).map((f) => `dist/${f}`))
    if (!kept.has(file)) rmSync(join(dir, file));
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}
