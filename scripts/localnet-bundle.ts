/**
 * localnet's CLI as one plain-JS file for npm start's restarts: loading its ~70 TypeScript sources through tsx's
 * loader took ~1.7 s of CPU more than the bundle does, on the path to a usable stack. Packages stay external (node
 * resolves them from the repo's node_modules); our own sources, @gatehouse/clients included, are bundled. The
 * bundle is rebuilt when any of its inputs changed since it was built (their mtimes are recorded beside it).
 * It cannot load a canister's interface.ts, which deploy needs to install or upgrade: use it only when deploy
 * will change nothing.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

export async function localnetBundle(root: string): Promise<string> {
  const dir = join(root, 'node_modules/.cache/gatehouse');
  const bundle = join(dir, 'localnet-cli.mjs');
  const record = join(dir, 'localnet-cli.inputs.json');
  if (existsSync(bundle) && existsSync(record)) {
    const inputs = JSON.parse(readFileSync(record, 'utf8')) as Record<string, number>;
    const unchanged = Object.entries(inputs).every(([f, mtime]) => existsSync(f) && statSync(f).mtimeMs === mtime);
    if (unchanged) return bundle;
  }
  mkdirSync(dir, { recursive: true });
  const entry = join(root, 'localnet/src/cli.ts');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: `${bundle}.${process.pid}.tmp`,
    conditions: ['source'],
    // localnet finds its own files (the canister worker's sources) beside its modules, all in localnet/src.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
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
  // Renamed into place, record last: another npm start running meanwhile sees the old bundle or the new one.
  renameSync(`${bundle}.${process.pid}.tmp`, bundle);
  const inputs = Object.keys(result.metafile.inputs).map((f) => join(root, f));
  writeFileSync(
    `${record}.${process.pid}.tmp`,
    JSON.stringify(Object.fromEntries(inputs.map((f) => [f, statSync(f).mtimeMs]))),
  );
  renameSync(`${record}.${process.pid}.tmp`, record);
  return bundle;
}
