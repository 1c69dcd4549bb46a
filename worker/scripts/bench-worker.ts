/**
 * Worker pipeline vs raw node-llama-cpp, in one run:
 *   npm run bench:worker -- [--width 512 --layers 8] [--threads 1] [--tokens 128] [--jobs 6] [--pickups 12]
 * 1. raw: ModelHost runs `jobs` chat jobs one after another; tokens/s = tokens out / wall time.
 * 2. pipeline: the same jobs submitted at once to the queue on localnet (real wasm, IC HTTP interface) and
 *    served by one `gatehouse-worker start` process (concurrency 1, same threads); tokens/s = tokens out /
 *    (first submit to last completion).
 * 3. pickup latency of an idle worker (default poll settings): submit, then watch the job leave Queued.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { identityToPem } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { admitArgs, okOf } from '../../test/support/args.ts';
import { deployGatehouse } from '../../test/support/deploy.ts';
import { ModelHost } from '../src/inference/index.ts';
import { ensureModelFile } from '../src/model/model-file.ts';
import { waitFor, WorkerProcess } from '../test/worker-process.ts';

const { values } = parseArgs({
  options: {
    width: { type: 'string', default: '512' },
    layers: { type: 'string', default: '8' },
    threads: { type: 'string', default: '1' },
    tokens: { type: 'string', default: '128' },
    jobs: { type: 'string', default: '6' },
    pickups: { type: 'string', default: '12' },
  },
});
const [width, layers, threads, tokens, jobs, pickups] = [
  values.width,
  values.layers,
  values.threads,
  values.tokens,
  values.jobs,
  values.pickups,
].map(Number) as [number, number, number, number, number, number];
const PROMPT = 'tell me about the network';
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const modelPath = await ensureModelFile(join(tmpdir(), `gatehouse-bench-w${width}-l${layers}.gguf`), { width, layers });

// 1. raw node-llama-cpp through ModelHost
const host = new ModelHost({ modelPath, threads, contextSize: 1024 });
const info = await host.start();
console.log(
  `model w${width} l${layers}: ${(info.sizeBytes / 1e6).toFixed(1)} MB, threads ${threads}, ${tokens} tokens x ${jobs} jobs`,
);
await host.run({ messages: [{ role: 'user', content: PROMPT }], maxTokens: 8 }); // warm-up
let rawTokens = 0;
const rawStart = performance.now();
for (let i = 0; i < jobs; i++) {
  const r = await host.run({ messages: [{ role: 'user', content: PROMPT }], maxTokens: tokens });
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
  rawTokens += r.tokensOut;
}
const rawRate = rawTokens / ((performance.now() - rawStart) / 1000);
await host.close();
console.log(`raw node-llama-cpp:      ${rawRate.toFixed(1)} tokens/s`);

// 2. the worker pipeline on localnet
const net = await LocalNet.start({ startTimeMs: Date.now() });
const g = await deployGatehouse(net, {
  queueParams: { max_pending_per_caller: 1_000, max_tokens: Math.max(2048, tokens) },
});
const server = await LocalNetHttpServer.start(net, { port: 0 });
const contributor = Ed25519KeyIdentity.generate().getPrincipal();
const submitter = Ed25519KeyIdentity.generate().getPrincipal();
okOf(await g.registry('invitation').admit_contributor(admitArgs(contributor, g.principals.nodeProvider)));
const key = Ed25519KeyIdentity.generate();
okOf(await g.registry(contributor).bind_worker_key(key.getPrincipal()));
const keyPath = join(mkdtempSync(join(tmpdir(), 'bench-worker-')), 'worker.pem');
writeFileSync(keyPath, identityToPem(key));
const worker = new WorkerProcess([
  'start',
  '--network',
  server.url,
  '--queue',
  g.ids.queue.toText(),
  '--identity',
  keyPath,
  '--model',
  `tiny-chat=${modelPath}`,
  '--threads',
  String(threads),
  '--concurrency',
  '1',
  '--context',
  '1024',
  '--metrics-port',
  'off',
]);
try {
  await waitFor('the worker to be ready', () => worker.has('ready') || worker.stderr.length > 0, 120_000);
  if (!worker.has('ready')) throw new Error(worker.stderr.join('\n'));
  const submit = (maxTokens: number) =>
    g.queue(submitter).submit({
      model: 'tiny-chat',
      messages: [{ role: { User: null }, content: PROMPT }],
      max_tokens: maxTokens,
      temperature: [],
      seed: [],
    });
  const completed = async () => (await g.queue().metrics()).completed;

  okOf(await submit(8)); // warm-up: first lease, first context
  await waitFor('the warm-up job', async () => (await completed()) === 1n, 60_000);
  const start = performance.now();
  for (let i = 0; i < jobs; i++) okOf(await submit(tokens));
  await waitFor('the pipeline jobs', async () => (await completed()) === BigInt(1 + jobs), 600_000);
  const pipeTokens = worker
    .jobs('completed')
    .slice(1)
    .reduce((n, l) => n + Number(l.tokens_out), 0);
  const pipeRate = pipeTokens / ((performance.now() - start) / 1000);
  console.log(`worker pipeline (queue): ${pipeRate.toFixed(1)} tokens/s`);
  console.log(`ratio pipeline / raw:    ${(pipeRate / rawRate).toFixed(3)}`);

  // 3. pickup latency of an idle worker (default --poll-min-ms 250, --poll-max-ms 5000)
  const latencies: number[] = [];
  for (let i = 0; i < pickups; i++) {
    const idle = 1_000 + Math.random() * 4_000; // let the worker back off to a random point of its idle cycle
    await new Promise((resolve) => setTimeout(resolve, idle));
    const t0 = performance.now();
    const id = okOf(await submit(1));
    await waitFor(
      'the job to be leased',
      async () => !('Queued' in okOf(await g.queue(submitter).get_job(id)).status),
      60_000,
    );
    latencies.push(performance.now() - t0);
  }
  console.log(
    `idle pickup latency:     median ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms (n=${pickups}, poll 250..5000 ms)`,
  );
} finally {
  worker.kill('SIGTERM');
  await worker.exited;
  await server.close();
  await net.close();
}
