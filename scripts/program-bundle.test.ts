/**
 * program-bundle's rebuild rule on a small program of its own: nothing changed → the bundle is reused as it is; an
 * input changed (or its package.json) → rebuilt with the change; a dynamically imported module is a chunk of its
 * own, and the chunks of builds before the one replaced are removed. runBundleOrSource (npm start's launcher) runs
 * the bundle while it is up to date and the sources under tsx once an input changed. The bundles run under plain
 * node.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { programBundle, type Program } from './program-bundle.ts';

const root = mkdtempSync(join(tmpdir(), 'program-bundle-'));
const cache = join(root, 'cache');
const PROGRAM: Program = {
  name: 'demo',
  entries: { cli: 'src/cli.ts', child: 'src/child.ts' },
  packageJson: 'package.json',
};
const file = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** Bumps a file's mtime as an edit would, without relying on the clock having moved since it was written. */
const touch = (path: string) => {
  const { mtime } = statSync(join(root, path));
  utimesSync(join(root, path), mtime, new Date(mtime.getTime() + 1000));
};
const greet = (text: string) => {
  file('src/greeting.ts', `export const greeting: string = '${text}';\n`);
  touch('src/greeting.ts');
};

file('package.json', '{ "name": "demo", "version": "1.0.0", "type": "module" }\n');
greet('hello');
file(
  'src/cli.ts',
  [
    "import { readFileSync } from 'node:fs';",
    "const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };",
    "const from = import.meta.url.endsWith('.ts') ? 'sources' : 'bundle';",
    "const child = await import(new URL(from === 'bundle' ? './child.js' : './child.ts', import.meta.url).href);",
    "const { greeting } = await import('./greeting.ts');",
    'console.log(`${greeting} ${child.name} ${pkg.version} ${from}`);',
  ].join('\n'),
);
file('src/child.ts', "export const name: string = 'child';\n");
// npm start's launcher, for this program.
file(
  'run.mjs',
  [
    `import { runBundleOrSource } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'program-bundle-run.mjs')).href)};`,
    `await runBundleOrSource(${JSON.stringify(join(cache, 'demo'))}, 'cli', ${JSON.stringify(join(root, 'src/cli.ts'))});`,
  ].join('\n'),
);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const node = (script: string) => execFileSync(process.execPath, [script], { encoding: 'utf8' }).trim();
const chunks = () => readdirSync(join(cache, 'demo/dist')).filter((f) => !['cli.js', 'child.js'].includes(f));

async function bundle(): Promise<{ built: boolean; output: string }> {
  let built = false;
  const dir = await programBundle(root, PROGRAM, { cache, onBuild: () => (built = true) });
  return { built, output: node(join(dir, 'dist/cli.js')) };
}

describe('programBundle', () => {
  it('builds once, reuses the bundle while nothing changed, rebuilds when an input or package.json changed', async () => {
    expect(await bundle()).toEqual({ built: true, output: 'hello child 1.0.0 bundle' });
    const cli = join(cache, 'demo/dist/cli.js');
    const builtAt = statSync(cli).mtimeMs;
    expect(await bundle()).toEqual({ built: false, output: 'hello child 1.0.0 bundle' });
    expect(statSync(cli).mtimeMs).toBe(builtAt);

    greet('hi');
    expect(await bundle()).toEqual({ built: true, output: 'hi child 1.0.0 bundle' });
    expect(await bundle()).toEqual({ built: false, output: 'hi child 1.0.0 bundle' });

    file('package.json', '{ "name": "demo", "version": "1.0.1", "type": "module" }\n');
    touch('package.json');
    expect(await bundle()).toEqual({ built: true, output: 'hi child 1.0.1 bundle' });
    expect(readFileSync(join(cache, 'demo/package.json'), 'utf8')).toContain('1.0.1');
  });

  it('puts a dynamically imported module in a chunk; keeps the replaced build’s chunks, removes older ones', async () => {
    /** The chunk holding this greeting, once built. */
    const chunkOf = async (text: string) => {
      greet(text);
      await bundle();
      const found = chunks().filter((f) => readFileSync(join(cache, 'demo/dist', f), 'utf8').includes(`"${text}"`));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const one = await chunkOf('one');
    const two = await chunkOf('two');
    expect(chunks()).toEqual(expect.arrayContaining([one, two]));
    const three = await chunkOf('three');
    expect(chunks().sort()).toEqual([two, three].sort());
  });

  it('rebuilds when a bundled file is gone from the cache', async () => {
    await bundle();
    rmSync(join(cache, 'demo/dist/child.js'));
    expect((await bundle()).built).toBe(true);
  });

  it('runBundleOrSource runs the bundle while it is up to date, the changed sources under tsx until it is rebuilt', async () => {
    greet('bundled');
    await bundle();
    expect(node(join(root, 'run.mjs'))).toBe('bundled child 1.0.1 bundle');
    greet('edited');
    expect(node(join(root, 'run.mjs'))).toBe('edited child 1.0.1 sources');
    expect((await bundle()).built).toBe(true);
    expect(node(join(root, 'run.mjs'))).toBe('edited child 1.0.1 bundle');
  });
});
