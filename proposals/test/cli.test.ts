/** The CLI as a process (the one place it is spawned): --help, and a failure as one stderr line. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { closedPort } from './support.ts';

const root = join(import.meta.dirname, '../..');
const run = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'proposals/src/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PROPOSALS_DEBUG: '' },
  });

describe('proposals CLI binary', () => {
  it('--help prints the usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run proposals -- <command> \[options\]/);
    for (const command of [
      'register-functions',
      'nominate',
      'render',
      'vote',
      'list',
      '--dry-run',
      '--network local|ic',
    ])
      expect(r.stdout).toContain(command);
    expect(r.stderr).toBe('');
  });

  it('a network that is down: one line on stderr, exit code 1, no stack', async () => {
    const port = await closedPort();
    const r = run(['list', '--host', `http://127.0.0.1:${port}`, '--governance', 'bkyz2-fmaaa-aaaaa-qaaaq-cai']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `proposals: network down: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); is it running? (local: npm start)\n`,
    );
  });

  it('an unknown command: one line, exit code 1', () => {
    const r = run(['launch']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'proposals: unknown command "launch"; commands: functions, register-functions, nominate, propose, render, vote, list, whoami, upgrade, verify, llm-params\n',
    );
  });
});
