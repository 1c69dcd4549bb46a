/** The CLI as users run it: exit codes and one-line errors (the queue-facing parts are in queue.localnet.test.ts). */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ensureTinyModel } from './tiny-model.ts';
import { WorkerProcess } from './worker-process.ts';

const run = async (...args: string[]) => {
  const w = new WorkerProcess(args);
  const { code } = await w.exited;
  return { code, out: w.lines.map((l) => (l.event === 'text' ? l.text : JSON.stringify(l))), err: w.stderr };
};

describe('gatehouse-worker CLI', () => {
  it('identity new writes a dfx-style PEM and prints its principal; show prints it again; new refuses to overwrite', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'worker-cli-')), 'worker.pem');
    const created = await run('identity', 'new', '--identity', file);
    expect(created.code).toBe(0);
    const principal = /^principal: (\S+)$/.exec(created.out[1] as string)?.[1];
    expect(principal).toMatch(/^[a-z0-9-]{63}$/);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await run('identity', 'show', '--identity', file)).toMatchObject({ code: 0, out: [principal] });
    expect(await run('identity', 'new', '--identity', file)).toMatchObject({
      code: 2,
      err: [`gatehouse-worker: ${file} already exists (pass --force to replace it)`],
    });
  });

  it('prints help, and one line for an unknown command or a missing model file', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/identity new\|show[\s\S]*start[\s\S]*bench/);
    expect(await run('frobnicate')).toMatchObject({
      code: 2,
      err: ['gatehouse-worker: unknown command "frobnicate" (try --help)'],
    });
    expect(await run('start', '--queue', 'aaaaa-aa', '--model', 'tiny-chat=/no/such.gguf')).toMatchObject({
      code: 2,
      err: ['gatehouse-worker: model file not found: /no/such.gguf'],
    });
  });

  it('start on a network nobody answers (waited for within its bound): one line, exit 2, the model load abandoned', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'worker-cli-')), 'worker.pem');
    expect((await run('identity', 'new', '--identity', file)).code).toBe(0);
    // Port 1: nothing listens there, and fetch refuses it outright (no other process can race for it).
    const port = 1;
    // Every process of this run (the worker, its inference child, llama.cpp's binding test) carries the tag.
    const tag = `gatehouse-cli-test-${process.pid}`;
    const w = new WorkerProcess(
      [
        'start',
        '--network',
        `http://127.0.0.1:${port}`,
        '--queue',
        'aaaaa-aa',
        '--identity',
        file,
        '--model',
        `tiny-chat=${await ensureTinyModel()}`,
        '--metrics-port',
        'off',
        '--network-wait-ms',
        '200',
      ],
      { GATEHOUSE_CLI_TEST_TAG: tag },
    );
    expect((await w.exited).code).toBe(2);
    expect(w.stderr).toEqual([
      `gatehouse-worker: cannot reach the network at http://127.0.0.1:${port}: fetch failed: bad port`,
    ]);
    expect(w.has('model-loaded')).toBe(false);
    expect(w.has('ready')).toBe(false);
    await vi.waitFor(() => expect(processesTagged(tag)).toEqual([]), { timeout: 10_000 });
  });

  it('start with a bad identity file: one line, exit 2, and the inference child its models began loading in is gone', async () => {
    // start forks the inference child before it loads the agent and reads the key (start-command.ts).
    const tag = `gatehouse-cli-test-identity-${process.pid}`;
    const missing = join(mkdtempSync(join(tmpdir(), 'worker-cli-')), 'none.pem');
    const w = new WorkerProcess(
      ['start', '--queue', 'aaaaa-aa', '--identity', missing, '--model', `tiny-chat=${await ensureTinyModel()}`],
      { GATEHOUSE_CLI_TEST_TAG: tag },
    );
    expect((await w.exited).code).toBe(2);
    expect(w.stderr).toEqual([
      `gatehouse-worker: identity file not found: ${missing} (create one with \`gatehouse-worker identity new\`)`,
    ]);
    expect(w.has('model-loaded')).toBe(false);
    await vi.waitFor(() => expect(processesTagged(tag)).toEqual([]), { timeout: 10_000 });
  });
});

/** Pids of the live processes whose environment holds `tag`. */
function processesTagged(tag: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(tag);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}
