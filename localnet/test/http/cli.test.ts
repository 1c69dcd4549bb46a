import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { HttpAgent } from '@icp-sdk/core/agent';
import { describe, expect, it } from 'vitest';

import { ensureBuilt, projectRoot } from './harness.ts';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// tsx's loader in this node process, not the tsx CLI: the CLI relays Ctrl-C to a child and SIGKILLs it (exit 130)
// when the child does not acknowledge within 30 ms, which a loaded 2-core machine easily misses.
const TSX_LOADER = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/esm/index.mjs')).href;

interface Run {
  stdout: string;
  stderr: string;
  /** Resolves with the first stdout line matching. */
  line(re: RegExp): Promise<string>;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function run(args: string[], cwd: string): Run {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void }> = [];
  const r: Run = {
    stdout: '',
    stderr: '',
    line: (re) =>
      new Promise((resolve, reject) => {
        const found = r.stdout.split('\n').find((l) => re.test(l));
        if (found) return resolve(found);
        waiters.push({ re, resolve });
        void r.exit.then(() =>
          reject(new Error(`exited without printing ${re}; stdout: ${r.stdout}; stderr: ${r.stderr}`)),
        );
      }),
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
  };
  child.stdout.on('data', (c: Buffer) => {
    r.stdout += c.toString();
    for (const w of [...waiters]) {
      const found = r.stdout.split('\n').find((l) => w.re.test(l));
      if (found) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  child.stderr.on('data', (c: Buffer) => (r.stderr += c.toString()));
  return r;
}

describe('localnet CLI', () => {
  it('says in one line that the port is busy, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = run(['--port', String(port)], projectRoot);
      expect(await r.exit).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        `localnet: port ${port} on 127.0.0.1 is already in use (another localnet or dfx?); pick another with --port`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('says in one line that the build failed, and exits 1', async () => {
    const root = mkdtempSync(join(tmpdir(), 'localnet-badbuild-'));
    mkdirSync(join(root, 'scripts'));
    writeFileSync(join(root, 'dfx.json'), JSON.stringify({ canisters: { x: { wasm: '.azle/x/x.wasm' } } }));
    writeFileSync(
      join(root, 'scripts/build-canisters.ts'),
      "console.error('error: x/index.ts(3,1): unexpected token'); process.exit(2);\n",
    );
    const r = run(['--port', '0', '--deploy'], root);
    expect(await r.exit).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^localnet: canister build failed .*exit 2.*unexpected token/);
  });

  it('--deploy --state-dir: serves the deployed canisters, writes ids like dfx into the state dir, saves on Ctrl-C and resumes', async () => {
    ensureBuilt();
    const root = mkdtempSync(join(tmpdir(), 'localnet-cli-'));
    writeFileSync(join(root, 'dfx.json'), readFileSync(join(projectRoot, 'dfx.json')));
    symlinkSync(join(projectRoot, '.azle'), join(root, '.azle'));
    symlinkSync(join(projectRoot, 'canisters'), join(root, 'canisters'));
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'));
    const state = join(root, 'state');

    const r = run(['--port', '0', '--deploy', '--no-build', '--state-dir', state, '--quiet'], root);
    const url = (await r.line(/ready at/)).split('ready at ')[1]!.trim();
    // Not on the CLIs' default port: the project's .env stays another network's (two stacks, one checkout).
    expect(existsSync(join(root, '.env'))).toBe(false);
    expect(existsSync(join(root, '.localnet/canister_ids.json'))).toBe(false);
    const env = readFileSync(join(state, '.env'), 'utf8');
    expect(env).toMatch(/^CANISTER_ID_QUEUE='[a-z0-9-]+'$/m);
    expect(env).toMatch(/^CANISTER_ID_SNS_GOVERNANCE='[a-z0-9-]+'$/m);
    const ids = JSON.parse(readFileSync(join(state, 'canister_ids.json'), 'utf8')) as Record<string, { local: string }>;
    expect(Object.keys(ids).sort()).toEqual(['invitation', 'llm', 'queue', 'registry', 'sns_governance']);
    const agent = await HttpAgent.create({ host: url, shouldFetchRootKey: true });
    const rootKey = agent.rootKey;
    r.kill('SIGINT');
    expect(await r.exit).toBe(0);
    expect(existsSync(join(state, 'network.json'))).toBe(true);

    // A redeploy of the unchanged build (npm start's restart) leaves every canister as it is.
    const again = run(['--port', '0', '--deploy', '--no-build', '--state-dir', state, '--quiet'], root);
    expect(await again.line(/resumed 5 canister/)).toBeTruthy();
    const url2 = (await again.line(/listening on/)).split('listening on ')[1]!.split(' ')[0]!;
    await again.line(/ready at/);
    const deployed = again.stdout.split('\n').filter((l) => /^deploy: \w+: /.test(l));
    expect(deployed).toHaveLength(5);
    for (const line of deployed) expect(line).toMatch(/\(unchanged\)$/);
    const agent2 = await HttpAgent.create({ host: url2, shouldFetchRootKey: true });
    expect(agent2.rootKey).toEqual(rootKey);
    again.kill('SIGINT');
    expect(await again.exit).toBe(0);
  }, 240_000); // two processes, five canisters deployed: minutes on a loaded 2-core machine
});
