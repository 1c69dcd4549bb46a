/**
 * program-bundle's rebuild rule on a two-file program of its own: nothing changed → the bundle is reused as it is;
 * an input changed (or its package.json) → rebuilt with the change. The bundles run under plain node.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

file('package.json', '{ "name": "demo", "version": "1.0.0", "type": "module" }\n');
file('src/greeting.ts', "export const greeting: string = 'hello';\n");
file(
  'src/cli.ts',
  [
    "import { readFileSync } from 'node:fs';",
    "import { greeting } from './greeting.ts';",
    "const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };",
    "const child = await import(new URL('./child.js', import.meta.url).href);",
    'console.log(`${greeting} ${child.name} ${pkg.version}`);',
  ].join('\n'),
);
file('src/child.ts', "export const name: string = 'child';\n");

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function bundle(): Promise<{ built: boolean; output: string }> {
  let built = false;
  const dir = await programBundle(root, PROGRAM, { cache, onBuild: () => (built = true) });
  return { built, output: execFileSync(process.execPath, [join(dir, 'dist/cli.js')], { encoding: 'utf8' }).trim() };
}

describe('programBundle', () => {
  it('builds once, reuses the bundle while nothing changed, rebuilds when an input or package.json changed', async () => {
    expect(await bundle()).toEqual({ built: true, output: 'hello child 1.0.0' });
    const cli = join(cache, 'demo/dist/cli.js');
    const builtAt = statSync(cli).mtimeMs;
    expect(await bundle()).toEqual({ built: false, output: 'hello child 1.0.0' });
    expect(statSync(cli).mtimeMs).toBe(builtAt);

    file('src/greeting.ts', "export const greeting: string = 'hi';\n");
    touch('src/greeting.ts');
    expect(await bundle()).toEqual({ built: true, output: 'hi child 1.0.0' });
    expect(await bundle()).toEqual({ built: false, output: 'hi child 1.0.0' });

    file('package.json', '{ "name": "demo", "version": "1.0.1", "type": "module" }\n');
    touch('package.json');
    expect(await bundle()).toEqual({ built: true, output: 'hi child 1.0.1' });
    expect(readFileSync(join(cache, 'demo/package.json'), 'utf8')).toContain('1.0.1');
  });

  it('rebuilds when a bundled file is gone from the cache', async () => {
    await bundle();
    rmSync(join(cache, 'demo/dist/child.js'));
    expect((await bundle()).built).toBe(true);
  });
});
