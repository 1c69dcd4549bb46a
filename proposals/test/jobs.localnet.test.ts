/**
 * gatehouse-jobs as a user runs it, against the real queue wasm behind localnet's IC HTTP interface and a
 * real worker serving the tiny model: submit (waiting, and --no-wait), get, list, cancel, one-line errors.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { okOf } from '../../test/support/args.ts';
import type { Gatehouse } from '../../test/support/deploy.ts';
import { servedGatehouse, type ServedGatehouse } from '../../test/support/served.ts';
import { waitFor, type WorkerProcess } from '../../worker/test/worker-process.ts';
import { closedPort, writePem } from './support.ts';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'jobs-cli-'));
const submitter = Ed25519KeyIdentity.generate();
const submitterPem = writePem(dir, 'submitter', submitter);
let served: ServedGatehouse;
let g: Gatehouse;
let worker: WorkerProcess;

/** The CLI as a child process; asynchronous, since localnet answers from this very process. */
function jobs(...args: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'proposals/src/jobs/cli.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, GATEHOUSE_JOBS_HISTORY: join(dir, 'history.json'), PROPOSALS_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = (s: string) => s.split('\n').filter((l) => l !== '');
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, out: lines(stdout), err: lines(stderr) })),
  );
}

const on = () => ['--host', served.server.url, '--queue', g.ids.queue.toText(), '--identity', submitterPem];
const status = async (id: bigint) => Object.keys(okOf(await g.queue(submitter.getPrincipal()).get_job(id)).status)[0];

beforeAll(async () => {
  served = await servedGatehouse('jobs-cli-worker-');
  ({ g, worker } = served);
}, 420_000);

afterAll(() => served?.close());

describe('gatehouse-jobs against the queue on localnet', () => {
  it('submit waits for the worker and prints its answer; list and get show the completed job', async () => {
    const submitted = await jobs(
      'submit',
      ...on(),
      '--model',
      'tiny-chat',
      '--max-tokens',
      '6',
      'what is a gatehouse?',
    );
    expect(submitted.err).toEqual([]);
    expect(submitted.code).toBe(0);
    const listed = await jobs('list', ...on());
    expect(listed.code).toBe(0);
    const id = BigInt(
      /^job (\d+): Completed \(tiny-chat, \d+ tokens in, 6 out, worker [a-z0-9-]+\)$/.exec(listed.out[0]!)![1]!,
    );
    const job = okOf(await g.queue(submitter.getPrincipal()).get_job(id));
    if (!('Completed' in job.status)) throw new Error('not completed');
    expect(submitted.out.join('\n')).toBe(job.status.Completed.output.trim());
    const got = await jobs('get', ...on(), String(id));
    expect(got.out[0]).toBe(listed.out[0]);
  }, 300_000);

  it('--no-wait prints the id at once; get shows the answer once the worker is done', async () => {
    const submitted = await jobs('submit', ...on(), '--model', 'tiny-chat', '--max-tokens', '4', '--no-wait', 'hi');
    expect(submitted.code).toBe(0);
    expect(submitted.out).toHaveLength(1);
    expect(submitted.out[0]).toMatch(/^\d+$/);
    const id = BigInt(submitted.out[0]!);
    await waitFor('the job to complete', async () => (await status(id)) === 'Completed');
    const got = await jobs('get', ...on(), String(id));
    expect(got.code).toBe(0);
    expect(got.out[0]).toMatch(new RegExp(`^job ${id}: Completed \\(tiny-chat, \\d+ tokens in, 4 out, worker `));
  }, 300_000);

  it("cancel takes back a queued job; cancelling it again is one line with the queue's reason", async () => {
    worker.kill('SIGSTOP'); // nobody leases while it is stopped
    try {
      const submitted = await jobs('submit', ...on(), '--model', 'tiny-chat', '--no-wait', 'never mind');
      const id = submitted.out[0]!;
      expect(await jobs('cancel', ...on(), id)).toMatchObject({ code: 0, out: [`cancelled job ${id}`] });
      expect(await status(BigInt(id))).toBe('Cancelled');
      expect(await jobs('cancel', ...on(), id)).toMatchObject({
        code: 1,
        out: [],
        err: [`gatehouse-jobs: queue.cancel refused: Conflict: job ${id} is Cancelled`],
      });
    } finally {
      worker.kill('SIGCONT');
    }
  }, 300_000);

  it('mistakes are one line each: unknown job, unknown model, missing prompt, network down', async () => {
    expect(await jobs('get', ...on(), '999999')).toEqual({
      code: 1,
      out: [],
      err: ['gatehouse-jobs: queue.get_job refused: NotFound: no job 999999'],
    });
    const model = await jobs('submit', ...on(), '--model', 'llama-70b', 'hello');
    expect(model.code).toBe(1);
    expect(model.err).toHaveLength(1);
    expect(model.err[0]).toMatch(/^gatehouse-jobs: queue.submit refused: InvalidInput: .*llama-70b/);
    expect(await jobs('submit', ...on(), '--model', 'tiny-chat')).toEqual({
      code: 2,
      out: [],
      err: ['gatehouse-jobs: submit needs exactly one prompt argument (quote it: "your question")'],
    });
    const port = await closedPort();
    const down = await jobs(
      'get',
      ...['--host', `http://127.0.0.1:${port}`, '--queue', g.ids.queue.toText(), '--identity', submitterPem],
      '1',
    );
    expect(down.code).toBe(1);
    expect(down.err).toHaveLength(1);
    expect(down.err[0]).toMatch(
      /^gatehouse-jobs: network down: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  }, 300_000);
});
