/**
 * Worker pipeline vs raw node-llama-cpp, idle pickup and queue throughput, in one run:
 *   npm run bench:worker -- [--width 512 --layers 8] [--threads 1] [--tokens 128] [--jobs 24] [--delayed-jobs 96]
 *                           [--delay-ms 1000] [--pickups 20] [--scale-jobs 400] [--scale-workers 8]
 * 1. raw: ModelHost runs `jobs` chat jobs back to back; tokens/s = tokens out / wall time. Measured before,
 *    between and after the two pipeline runs: each run's baseline is the mean of the two raw runs around it,
 *    because this shared box's raw speed drifts by up to a quarter within minutes.
 * 2. pipeline: the same jobs submitted to the queue on localnet (real wasm, IC HTTP interface), served by one
 *    `gatehouse-worker start` process (concurrency 1, same threads); tokens/s = tokens out / (first submit to
 *    the queue counting the last completion). Then again through a proxy that delays every update call by
 *    `delay-ms` (mainnet finality), with `delayed-jobs` jobs (one pickup and one last completion through 1 s
 *    updates take ~2 s of any run: enough jobs that they do not decide the ratio; the steady rate leaves them out).
 *    Both runs go through a proxy (bench-proxy.ts) that counts the requests (and delays updates in the second).
 *    Profile: the model's busy share (Σ inference ms / wall) and inference ms per job vs raw; the wall time
 *    split into inference, startup, the gaps between jobs (distribution) and the last completion; CPU ms per
 *    job of this process (localnet), the worker's node process and its inference child (vs raw); requests and
 *    certificates per job.
 * 3. idle pickup: the worker idle for a random while, then submit; the time until the job leaves Queued.
 * 4. scale: `scale-workers` pollers with null inference over HTTP in one other process (null-workers.ts); jobs/s
 *    through one queue, beside 1 worker, with the CPU ms per job of localnet and of the pollers.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { identityToPem } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { admitArgs, okOf, userMessage } from '../../test/support/args.ts';
import { deployGatehouse, type Gatehouse } from '../../test/support/deploy.ts';
import { ModelHost } from '../src/inference/index.ts';
import { ensureModelFile } from '../src/model/model-file.ts';
import { waitFor, WorkerProcess } from '../test/worker-process.ts';
import { BenchProxy, type CallCounts } from './bench-proxy.ts';
import { childrenOf, cpuMs, ownCpuMs } from './cpu-time.ts';

const { values } = parseArgs({
  options: {
    width: { type: 'string', default: '512' },
    layers: { type: 'string', default: '8' },
    threads: { type: 'string', default: '1' },
    tokens: { type: 'string', default: '128' },
    jobs: { type: 'string', default: '24' },
    'delayed-jobs': { type: 'string', default: '96' },
    'delay-ms': { type: 'string', default: '1000' },
    pickups: { type: 'string', default: '20' },
    'scale-jobs': { type: 'string', default: '400' },
    'scale-workers': { type: 'string', default: '8' },
  },
});
const n = (name: keyof typeof values) => Number(values[name]);
const [width, layers, threads, tokens, jobs] = [n('width'), n('layers'), n('threads'), n('tokens'), n('jobs')];
const PROMPT = 'tell me about the network';
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fmt = (x: number, digits = 1) => x.toFixed(digits);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls an in-process query every `everyMs`. Each poll runs the queue's wasm on this box's CPU, which the
 * model shares: the pipeline runs poll every 100 ms (a 0.1 % error on their length), pickups every 10 ms.
 */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const modelPath = await ensureModelFile(join(tmpdir(), `gatehouse-bench-w${width}-l${layers}.gguf`), { width, layers });

// 1. raw node-llama-cpp through ModelHost
const host = new ModelHost({ modelPath, threads, contextSize: 1024 });
const info = await host.start();
console.log(
  `model w${width} l${layers}: ${fmt(info.sizeBytes / 1e6)} MB, threads ${threads}, ${tokens} tokens per job`,
);
await host.run({ messages: [{ role: 'user', content: PROMPT }], maxTokens: 8 }); // warm-up
interface RawRun {
  rate: number;
  jobMs: number;
  cpuMs: number;
}
const meanRaw = (runs: RawRun[]): RawRun => ({
  rate: sum(runs.map((r) => r.rate)) / runs.length,
  jobMs: sum(runs.map((r) => r.jobMs)) / runs.length,
  cpuMs: sum(runs.map((r) => r.cpuMs)) / runs.length,
});
async function raw(): Promise<RawRun> {
  let out = 0;
  const ms: number[] = [];
  const cpu = cpuMs(host.pid!);
  const start = performance.now();
  for (let i = 0; i < jobs; i++) {
    const r = await host.run({ messages: [{ role: 'user', content: PROMPT }], maxTokens: tokens });
    if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
    out += r.tokensOut;
    ms.push(r.ms);
  }
  const rate = out / ((performance.now() - start) / 1000);
  return { rate, jobMs: sum(ms) / ms.length, cpuMs: (cpuMs(host.pid!) - cpu) / jobs };
}
const showRaw = (when: string, r: RawRun) =>
  console.log(
    `raw node-llama-cpp (${when}): ${fmt(r.rate)} tokens/s, ${fmt(r.jobMs, 0)} ms per job (CPU ${fmt(r.cpuMs, 0)} ms)`,
  );
const rawBefore = await raw();
showRaw('before', rawBefore);

// 2. the worker pipeline on localnet
const net = await LocalNet.start({ startTimeMs: Date.now() });
const g = await deployGatehouse(net, {
  queueParams: { max_pending_per_caller: 1_000, max_tokens: Math.max(2048, tokens) },
});
const server = await LocalNetHttpServer.start(net, { port: 0 });
const proxy = await BenchProxy.start(server.url);
const submitter = Ed25519KeyIdentity.generate().getPrincipal();
const dir = mkdtempSync(join(tmpdir(), 'bench-worker-'));
const keys = await workerKeys(g, 2 + n('scale-workers'));

async function workerKeys(g: Gatehouse, count: number): Promise<Ed25519KeyIdentity[]> {
  const out: Ed25519KeyIdentity[] = [];
  let contributor: Principal | undefined;
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      contributor = Ed25519KeyIdentity.generate().getPrincipal();
      okOf(await g.registry('invitation').admit_contributor(admitArgs(contributor, g.principals.nodeProvider)));
    }
    const key = Ed25519KeyIdentity.generate();
    okOf(await g.registry(contributor!).offer_worker_key(key.getPrincipal()));
    okOf(await g.registry(key.getPrincipal()).accept_worker_key(contributor!));
    out.push(key);
  }
  await g.net.advanceTime(1_000); // the registry's timer pushes the keys to the queue
  return out;
}

const submit = (maxTokens: number) =>
  g.queue(submitter).submit({
    model: 'tiny-chat',
    messages: [userMessage(PROMPT)],
    max_tokens: maxTokens,
    tools: [] as [],
    temperature: [] as [],
    seed: [],
  });

function startWorker(key: Ed25519KeyIdentity, network: string): WorkerProcess {
  const keyPath = join(dir, `${key.getPrincipal().toText()}.pem`);
  writeFileSync(keyPath, identityToPem(key));
  // --heartbeat-ms: the queue's parameters (lease_seconds, limits) are re-read with each heartbeat
  return new WorkerProcess([
    ...['start', '--network', network, '--queue', g.ids.queue.toText(), '--identity', keyPath],
    ...['--model', `tiny-chat=${modelPath}`, '--threads', String(threads), '--concurrency', '1'],
    ...['--context', '1024', '--metrics-port', 'off'],
  ]);
}

interface Throughput {
  rate: number;
  localnetMs: number;
  pollersMs: number;
}

interface PipelineRun {
  count: number;
  rate: number;
  /** tokens/s from the first inference's start to the last one's end: without the pickup and the last completion */
  steadyRate: number;
  busy: number;
  runMs: number;
  /** first submit to the first job's inference start */
  startupMs: number;
  /** the time the model waited between one job's inference and the next's */
  gaps: number[];
  /** the last inference's end to its job line (the last completion's round trip) */
  tailMs: number;
  wallMs: number;
  /** CPU ms over the run: this process (localnet, its canister threads, the proxy, the bench), the worker's node process, its children (inference) */
  cpu: { localnet: number; worker: number; inference: number };
  calls: CallCounts;
  certificates: number;
}

function cpuNow(worker: WorkerProcess) {
  return { localnet: ownCpuMs(), worker: cpuMs(worker.pid), inference: sum(childrenOf(worker.pid).map(cpuMs)) };
}

async function pipeline(label: string, worker: WorkerProcess, count: number): Promise<PipelineRun> {
  await waitFor('the worker to be ready', () => worker.has('ready') || worker.stderr.length > 0, 180_000);
  if (!worker.has('ready')) throw new Error(worker.stderr.join('\n'));
  const done = () => worker.jobs('completed').length;
  const skip = done() + 1;
  okOf(await submit(8)); // warm-up: first lease, first context, the pacing's first figures
  await waitFor('the warm-up job', () => done() >= skip, 60_000);
  const cpu = cpuNow(worker);
  proxy.take();
  const start = Date.now();
  for (let i = 0; i < count; i++) okOf(await submit(tokens));
  // The worker's job lines, not queue queries: polling the queue would run wasm on the model's CPU.
  await waitFor(`${label} jobs`, () => done() >= skip + count, 600_000 + count * 120_000);
  const after = cpuNow(worker);
  const { counts, certificates } = proxy.take();
  const lines = worker
    .jobs('completed')
    .slice(skip, skip + count)
    .map((l) => ({
      end: Number(l.run_end),
      runMs: Number(l.run_ms),
      tokens: Number(l.tokens_out),
      ts: Date.parse(String(l.ts)),
    }))
    .sort((a, b) => a.end - b.end);
  const wallMs = Math.max(...lines.map((l) => l.ts)) - start;
  const runMs = lines.map((l) => l.runMs);
  const tokensOut = sum(lines.map((l) => l.tokens));
  return {
    count,
    rate: tokensOut / (wallMs / 1000),
    steadyRate: tokensOut / ((lines.at(-1)!.end - (lines[0]!.end - lines[0]!.runMs)) / 1000),
    busy: sum(runMs) / wallMs,
    runMs: sum(runMs) / count,
    startupMs: lines[0]!.end - lines[0]!.runMs - start,
    gaps: lines.slice(1).map((l, i) => l.end - l.runMs - lines[i]!.end),
    tailMs: Math.max(...lines.map((l) => l.ts)) - lines.at(-1)!.end,
    wallMs,
    cpu: {
      localnet: after.localnet - cpu.localnet,
      worker: after.worker - cpu.worker,
      inference: after.inference - cpu.inference,
    },
    calls: counts,
    certificates,
  };
}

/** Where the wall time went besides inference, and what each job cost the CPUs and the network. */
function showProfile(label: string, r: PipelineRun, rawCpuMs: number): void {
  const per = (x: number) => fmt(x / r.count, 2);
  const gaps = r.gaps.length > 0 ? r.gaps : [0];
  console.log(
    `  ${label} wall ${fmt(r.wallMs, 0)} ms = inference ${fmt(r.runMs * r.count, 0)} + startup ${fmt(r.startupMs, 0)}` +
      ` + gaps ${fmt(sum(r.gaps), 0)} + last completion ${fmt(r.tailMs, 0)}; gap between jobs median` +
      ` ${fmt(percentile(gaps, 0.5), 0)} ms, p90 ${fmt(percentile(gaps, 0.9), 0)}, max ${fmt(Math.max(...gaps), 0)}` +
      ` (${r.gaps.filter((g) => g > 5).length} of ${r.gaps.length} over 5 ms)`,
  );
  console.log(
    `  ${label} CPU ms per job: localnet process ${fmt(r.cpu.localnet / r.count, 0)} (canister threads, HTTP,` +
      ` signing, proxy, bench), worker node ${fmt(r.cpu.worker / r.count, 0)}, inference child ${fmt(r.cpu.inference / r.count, 0)}` +
      ` (raw ${fmt(rawCpuMs, 0)})`,
  );
  const calls = [...r.calls].sort(([a], [b]) => a.localeCompare(b)).map(([kind, c]) => `${kind} ${per(c)}`);
  console.log(`  ${label} requests per job: ${calls.join(', ')}; certificates verified ${per(r.certificates)}`);
}

const direct = startWorker(keys[0]!, proxy.url);
let delayedWorker: WorkerProcess | undefined;
try {
  const d = await pipeline('direct', direct, jobs);
  console.log(`  (direct: ${fmt(d.rate)} tokens/s, model busy ${fmt(100 * d.busy)} %; final ratios below)`);
  const rawBetween = await raw();
  showRaw('between', rawBetween);

  // 3. idle pickup with the direct worker
  const latencies: number[] = [];
  for (let i = 0; i < n('pickups'); i++) {
    await sleep(300 + Math.random() * 1_200); // a random point of the idle polling cycle
    const t0 = performance.now();
    const id = okOf(await submit(1));
    await until(
      'the job to be leased',
      async () => !('Queued' in okOf(await g.queue(submitter).get_job(id)).status),
      60_000,
      10,
    );
    latencies.push(performance.now() - t0);
  }
  direct.kill('SIGTERM');
  await direct.exited;

  proxy.delayMs = n('delay-ms');
  delayedWorker = startWorker(keys[1]!, proxy.url);
  const delayed = await pipeline('delayed', delayedWorker, n('delayed-jobs'));
  console.log(`  (delayed: ${fmt(delayed.rate)} tokens/s, model busy ${fmt(100 * delayed.busy)} %)`);
  delayedWorker.kill('SIGTERM');
  await delayedWorker.exited;

  const rawAfter = await raw();
  showRaw('after', rawAfter);
  const show = (label: string, r: PipelineRun, count: number, around: RawRun[]) => {
    const base = meanRaw(around);
    console.log(
      `${label} ${fmt(r.rate)} tokens/s over ${count} jobs; ratio pipeline / raw ${fmt(r.rate / base.rate, 3)}` +
        ` (raw ${fmt(base.rate)} tokens/s, the runs before and after it)` +
        ` | model busy ${fmt(100 * r.busy)} % of the wall time, inference ${fmt(r.runMs, 0)} ms per job (raw ${fmt(base.jobMs, 0)})`,
    );
    console.log(
      `${' '.repeat(label.length)} ${fmt(r.steadyRate)} tokens/s while the model had work (first inference start to last` +
        ` end: no pickup, no last completion); ratio ${fmt(r.steadyRate / base.rate, 3)}`,
    );
    return base.cpuMs;
  };
  showProfile('direct: ', d, show('worker pipeline (direct):    ', d, jobs, [rawBefore, rawBetween]));
  const delayedLabel = `pipeline, updates +${n('delay-ms')} ms:   `;
  showProfile('delayed:', delayed, show(delayedLabel, delayed, n('delayed-jobs'), [rawBetween, rawAfter]));
  console.log(
    `idle pickup latency:          median ${fmt(percentile(latencies, 0.5), 0)} ms, p95 ${fmt(percentile(latencies, 0.95), 0)} ms (n=${latencies.length})`,
  );

  // 4. jobs/s through one queue with null inference
  const one = await throughput(keys.slice(2, 3), n('scale-jobs') / 4);
  const many = await throughput(keys.slice(2), n('scale-jobs'));
  console.log(
    `queue throughput, null inference: ${fmt(many.rate, 1)} jobs/s with ${keys.length - 2} workers (1 worker: ${fmt(one.rate, 1)} jobs/s)`,
  );
  for (const [label, t] of [
    [`${keys.length - 2} workers`, many],
    ['1 worker ', one],
  ] as const)
    console.log(
      `  ${label}: CPU ms per job: localnet process ${fmt(t.localnetMs, 1)}, pollers' process ${fmt(t.pollersMs, 1)}`,
    );
} finally {
  for (const w of [direct, delayedWorker]) w?.kill('SIGKILL');
  await host.close();
  await proxy.close();
  await server.close();
  await net.close();
}

/**
 * Jobs/s with null inference: `count` jobs queued, then one process (null-workers.ts) runs a poller per key
 * until they are done; its own clock times them from its pollers' start. Also the CPU ms per job of this
 * process (localnet) and of the pollers' process.
 */
async function throughput(workerKeys: Ed25519KeyIdentity[], count: number): Promise<Throughput> {
  for (let i = 0; i < count; i++) okOf(await submit(1));
  const keyFiles = workerKeys.map((key) => {
    const path = join(dir, `${key.getPrincipal().toText()}.pem`);
    writeFileSync(path, identityToPem(key));
    return ['--key', path];
  });
  const pollers = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', fileURLToPath(new URL('./null-workers.ts', import.meta.url))],
      ...['--host', server.url, '--queue', g.ids.queue.toText(), '--jobs', String(count), ...keyFiles.flat()],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: pollers.stdout! })[Symbol.asyncIterator]();
  await lines.next(); // ready: connected, about to poll
  const cpu = { localnet: ownCpuMs(), pollers: cpuMs(pollers.pid!) };
  const { value: line } = await lines.next();
  const used = { localnet: ownCpuMs() - cpu.localnet, pollers: cpuMs(pollers.pid!) - cpu.pollers };
  await once(pollers, 'exit');
  const { ms } = JSON.parse(String(line)) as { ms: number };
  return { rate: count / (ms / 1000), localnetMs: used.localnet / count, pollersMs: used.pollers / count };
}
