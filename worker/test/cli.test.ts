/** The CLI as users run it: exit codes and one-line errors (the queue-facing parts are in queue.localnet.test.ts). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
