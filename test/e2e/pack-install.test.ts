/**
 * The worker installs on its own, as on a contributor's GPU box: `npm pack` of @gatehouse/clients and
 * gatehouse-worker (each builds its dist/ in prepack), `npm install` of the two tarballs into an empty folder
 * outside the repository, then the installed `gatehouse-worker` binary runs from there. Nothing of the
 * repository is on its module path, so an import of a file the tarballs do not ship fails here.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const exec = promisify(execFile);

/** The environment of a user's shell: no workspace `source` condition, no npm settings of this run. */
function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^npm_/i.test(key)),
  );
  return { ...env, DO_NOT_TRACK: '1' };
}

async function pack(workspace: string, into: string): Promise<string> {
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', into, '-w', workspace], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [{ filename, files }] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  // Built JS and declarations only: no TypeScript sources, no tests.
  expect(files.some((f) => f.path === 'dist/index.js' || f.path === 'dist/cli.js')).toBe(true);
  expect(files.filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.d.ts'))).toEqual([]);
  return join(into, filename);
}

describe('npm pack + npm install of clients and worker into an empty folder', () => {
  it('installs, and the gatehouse-worker binary prints its help and creates a key', async () => {
    const tarballs = mkdtempSync(join(tmpdir(), 'gatehouse-pack-'));
    const clients = await pack('clients', tarballs);
    const worker = await pack('worker', tarballs);

    const home = mkdtempSync(join(tmpdir(), 'gatehouse-install-'));
    writeFileSync(join(home, 'package.json'), '{ "name": "contributor-box", "private": true }\n');
    const env = userEnv();
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', clients, worker], {
      cwd: home,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(existsSync(join(home, 'node_modules/@gatehouse/clients/dist/index.js'))).toBe(true);
    expect(existsSync(join(home, 'node_modules/@gatehouse/clients/src'))).toBe(false);

    const help = await exec('npx', ['--no-install', 'gatehouse-worker', '--help'], { cwd: home, env });
    expect(help.stdout).toMatch(/^gatehouse-worker\/0\.1\.0: serve Gatehouse queue jobs/);
    expect(help.stdout).toContain('identity new|show');

    const pem = join(home, 'w.pem');
    const created = await exec('npx', ['--no-install', 'gatehouse-worker', 'identity', 'new', '--identity', pem], {
      cwd: home,
      env,
    });
    const principal = /^principal: (\S+)$/m.exec(created.stdout)?.[1];
    expect(principal).toMatch(/^[a-z0-9-]{63}$/);
    expect(readFileSync(pem, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(pem).mode & 0o777).toBe(0o600);
    const shown = await exec('npx', ['--no-install', 'gatehouse-worker', 'identity', 'show', '--identity', pem], {
      cwd: home,
      env,
    });
    expect(shown.stdout.trim()).toBe(principal);
  }, 600_000);
});
