/**
 * npm start's programs (localnet, the demo worker and its inference child) as plain-JS bundles: loading their
 * TypeScript sources through tsx's loader costs each process a second or more of CPU on the way to a usable stack
 * and a serving worker. Packages stay external (node resolves them from the repo's node_modules); our own
 * sources, @gatehouse/clients included, are bundled. A bundle is rebuilt when any of its inputs changed since it was
 * built (their mtimes are recorded beside it).
 *
 * Layout, as a published package: `<cache>/<name>/package.json` (a copy of the program's, or one that only says
 * `"type": "module"`) and `<cache>/<name>/dist/<entry>.js`, so that `new URL('./child.js', import.meta.url)` and
 * `new URL('../package.json', import.meta.url)` find what they find in the package's own dist/.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

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

/** True when the bundle is there and none of its recorded inputs changed (or went) since it was built. */
function upToDate(dir: string, program: Program): boolean {
  const record = join(dir, 'inputs.json');
  if (!existsSync(record) || Object.keys(program.entries).some((out) => !existsSync(join(dir, `dist/${out}.js`))))
    return false;
  const inputs = JSON.parse(readFileSync(record, 'utf8')) as Record<string, number>;
  return Object.entries(inputs).every(([f, mtime]) => existsSync(f) && statSync(f).mtimeMs === mtime);
}

/**
 * The program's bundle directory, rebuilt first when an input changed (`onBuild` hears of it first). Another
 * process starting the program meanwhile runs the old files or the new ones: each is renamed into place, the entry
 * points after the files beside them, the record last.
 */
export async function programBundle(
  root: string,
  program: Program,
  o: { cache?: string; onBuild?: () => void } = {},
): Promise<string> {
  const cache = o.cache ?? join(root, 'node_modules/.cache/gatehouse');
  const dir = join(cache, program.name);
  if (upToDate(dir, program)) return dir;
  o.onBuild?.();
  const tmp = join(cache, `${program.name}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(program.entries).map(([out, src]) => [out, join(root, src)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: root,
    outdir: join(tmp, 'dist'),
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
  writeFileSync(
    join(tmp, 'inputs.json'),
    JSON.stringify(Object.fromEntries(inputs.map((f) => [f, statSync(f).mtimeMs]))),
  );
  mkdirSync(join(dir, 'dist'), { recursive: true });
  const outputs = Object.keys(program.entries).map((out) => `dist/${out}.js`);
  for (const file of ['package.json', ...outputs.slice(1), outputs[0]!, 'inputs.json'])
    renameSync(join(tmp, file), join(dir, file));
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}
