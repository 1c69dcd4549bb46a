/**
 * Real worker processes (the CLI) against the real queue wasm behind localnet's IC HTTP interface:
 * 200 jobs, 2 workers, one SIGKILLed mid-job; the dead worker's leases expire and are served again;
 * every job is completed exactly once; a suspended worker gets no jobs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityToPem } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { deployGatehouse, type Gatehouse } from '../../test/support/deploy.ts';
import { admitArgs, okOf, userMessage } from '../../test/support/args.ts';
import { ensureTinyModel } from './tiny-model.ts';
import { WorkerProcess, waitFor } from './worker-process.ts';

const JOBS = 200;
const LEASE_SECONDS = 60;

let g: Gatehouse;
let server: LocalNetHttpServer;
let modelPath: string;
const dir = mkdtempSync(join(tmpdir(), 'worker-integration-'));
const workers: WorkerProcess[] = [];
const submitter = Ed25519KeyIdentity.generate().getPrincipal();
const contributor = Ed25519KeyIdentity.generate().getPrincipal();

function workerKey(name: string): { path: string; principal: Principal } {
  const identity = Ed25519KeyIdentity.generate();
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, identityToPem(identity));
  return { path, principal: identity.getPrincipal() };
}

function startWorker(key: string, extra: string[] = []): WorkerProcess {
  const w = new WorkerProcess([
    'start',
    '--network',
    server.url,
    '--queue',
    g.ids.queue.toText(),
    '--identity',
    key,
    '--model',
    `tiny-chat=${modelPath}`,
    '--threads',
    '1',
    '--metrics-port',
    '0',
    '--poll-min-ms',
    '20',
    '--poll-max-ms',
    '300',
    '--heartbeat-ms',
    '3000',
    ...extra,
  ]);
  workers.push(w);
  return w;
}

const jobArgs = (i: number) => ({
  model: 'tiny-chat',
  messages: [userMessage(`job number ${i}`)],
  max_tokens: 8,
  tools: [] as [],
  temperature: [] as [],
  seed: [] as [],
});
const submit = (i: number) => g.queue(submitter).submit(jobArgs(i));

beforeAll(async () => {
  modelPath = await ensureTinyModel();
  const net = await LocalNet.start({ startTimeMs: Date.now() });
  g = await deployGatehouse(net, {
    queueParams: { max_pending_per_caller: 1_000, lease_seconds: LEASE_SECONDS, max_attempts: 5 },
  });
  server = await LocalNetHttpServer.start(net, { port: 0 });
  okOf(await g.registry('invitation').admit_contributor(admitArgs(contributor, g.principals.nodeProvider)));
});

afterAll(async () => {
  if (process.env.WORKER_TEST_DEBUG) for (const w of workers) console.log(w.lines.slice(-15), w.stderr.slice(-10));
  for (const w of workers) w.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await server?.close();
  await g?.net.close();
});

describe('worker CLI against the queue on localnet', () => {
  it('ends with one clear line on a bad GGUF or a model the queue does not serve', async () => {
    const key = workerKey('config');
    const bad = join(dir, 'bad.gguf');
    writeFileSync(bad, 'GGUF but not really');
    const args = (model: string) => [
      'start',
      '--network',
      server.url,
      '--queue',
      g.ids.queue.toText(),
      '--identity',
      key.path,
      '--model',
      model,
      '--metrics-port',
      'off',
    ];
    const badGguf = new WorkerProcess(args(`tiny-chat=${bad}`));
    const unknown = new WorkerProcess(args(`llama-70b=${modelPath}`));
    expect((await badGguf.exited).code).toBe(2);
    expect((await unknown.exited).code).toBe(2);
    expect(badGguf.stderr).toHaveLength(1);
    expect(badGguf.stderr[0]).toMatch(/^gatehouse-worker: .*bad\.gguf/);
    expect(unknown.stderr).toEqual(['gatehouse-worker: unknown model name "llama-70b": the queue serves "tiny-chat"']);
  });

  it('serves 200 jobs with 2 workers, one SIGKILLed mid-job: its leases expire and every job completes exactly once', async () => {
    const [a, b] = [workerKey('a'), workerKey('b')];
    for (const key of [a, b]) {
      okOf(await g.registry(contributor).offer_worker_key(key.principal));
      okOf(await g.registry(key.principal).accept_worker_key(contributor));
    }
    const ids: bigint[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(okOf(await submit(i)));

    const wa = startWorker(a.path, ['--concurrency', '4']);
    const wb = startWorker(b.path, ['--concurrency', '4']);
    // Loading node-llama-cpp and the model takes long on a loaded box; the waits below start from ready.
    await waitFor('both workers to be ready', () => wa.has('ready') && wb.has('ready'), 180_000);
    // A is mid-stream: it has completed jobs and holds leases right now.
    await waitFor('worker A to hold leases after completing some jobs', async () => {
      const [stats] = await g.queue().get_worker(a.principal);
      return stats !== undefined && stats.completed >= 5n && stats.leases > 0;
    });
    wa.kill('SIGKILL');
    expect((await wa.exited).signal).toBe('SIGKILL');
    const [orphaned] = await g.queue().get_worker(a.principal);
    expect(orphaned!.leases).toBeGreaterThan(0);

    // Nobody serves A's leases until they expire; move network time past their deadline.
    await g.net.advanceTime((LEASE_SECONDS + 6) * 1_000);
    const [expired] = await g.queue().get_worker(a.principal);
    expect(expired!.leases).toBe(0);
    expect(expired!.expired_leases).toBe(BigInt(orphaned!.leases));

    await waitFor('all jobs completed', async () => (await g.queue().metrics()).completed === BigInt(JOBS), 120_000);
    for (const id of ids) {
      const job = okOf(await g.queue(submitter).get_job(id));
      expect(Object.keys(job.status)).toEqual(['Completed']);
    }
    const [statsA] = await g.queue().get_worker(a.principal);
    const [statsB] = await g.queue().get_worker(b.principal);
    expect(statsA!.completed + statsB!.completed).toBe(BigInt(JOBS));
    // The queue counts a completion once (a retried complete is answered Ok without counting). B's log agrees
    // with it and repeats no job; A's log may miss its last completions (SIGKILL can land between the
    // queue's reply and the log line) but never names a job B completed.
    const idsB = wb.jobs('completed').map((l) => l.id);
    expect(new Set(idsB).size).toBe(idsB.length);
    expect(BigInt(idsB.length)).toBe(statsB!.completed);
    const setB = new Set(idsB);
    expect(wa.jobs('completed').filter((l) => setB.has(l.id))).toEqual([]);
    expect(statsB!.version).toMatch(/^gatehouse-worker\//);
    expect(statsB!.models).toEqual(['tiny-chat']);

    const metricsUrl = wb.lines.find((l) => l.event === 'metrics')!.url as string;
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toContain(`gatehouse_worker_jobs_total{outcome="completed"} ${statsB!.completed}`);
  }, 240_000);

  it('serves jobs that offer tools, with earlier calls and their results in the history', async () => {
    const tool = {
      name: 'get_weather',
      description: ['Current weather of a city'] as [string],
      parameters: ['{"type":"object","properties":{"city":{"type":"string","maxLength":12}},"required":["city"]}'] as [
        string,
      ],
    };
    const call = { id: 'call_0', name: 'get_weather', arguments: '{"city":"Zug"}' };
    const turns = [
      userMessage('Weather in Zug?'),
      { role: { Assistant: null }, content: '', tool_calls: [[call]] as [(typeof call)[]], tool_call_id: [] as [] },
      { role: { Tool: null }, content: 'rain', tool_calls: [] as [], tool_call_id: ['call_0'] as [string] },
    ];
    const ids = await Promise.all(
      [[userMessage('Weather in Zug?')], turns].map(async (messages) =>
        okOf(await g.queue(submitter).submit({ ...jobArgs(0), messages, tools: [[tool]] })),
      ),
    );
    for (const id of ids) {
      await waitFor(`tool job ${id} to finish`, async () => {
        const job = okOf(await g.queue(submitter).get_job(id));
        return !('Queued' in job.status) && !('Leased' in job.status);
      });
      const { status } = okOf(await g.queue(submitter).get_job(id));
      // The tiny model may answer in text or call get_weather; the queue took only calls of offered tools.
      expect(Object.keys(status)).toEqual(['Completed']);
      const [calls = []] = (status as { Completed: { tool_calls: [] | [Array<{ name: string }>] } }).Completed
        .tool_calls;
      for (const made of calls) expect(made.name).toBe('get_weather');
    }
  });

  it('a suspended worker gets no jobs; SIGTERM stops it cleanly', async () => {
    const wb = workers[workers.length - 1]!;
    okOf(await g.registry('governance').suspend_contributor({ contributor, reason: 'integration test' }));
    const before = wb.lines.length;
    const id = okOf(await submit(JOBS));
    await waitFor('worker B to notice it is not active', () =>
      wb.lines.slice(before).some((l) => l.event === 'not-active'),
    );
    const job = okOf(await g.queue(submitter).get_job(id));
    expect(Object.keys(job.status)).toEqual(['Queued']);
    wb.kill('SIGTERM');
    expect((await wb.exited).code).toBe(0);
    expect(wb.has('stopped')).toBe(true);
  });
});
