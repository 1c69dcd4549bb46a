/**
 * The held call's price: how much longer a caller of the llm canister's v0_chat waits than the worker spends on
 * its job, beside the same for a client that submits to the queue and polls get_job itself (the baseline, in
 * the same run, on the same worker):
 *   npm run bench:llm -- [--jobs 20]
 * Real wasm on localnet behind its IC HTTP interface (HttpAgent clients), one `gatehouse-worker start` on the
 * tiny model. Job time: the worker's own `ms` (lease to completion report) from its job lines. Added: the
 * caller's wall time minus that. Rounds: localnet's default (a round per repeated call, 100 ms when idle).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { queueIdlFactory, type QueueService } from '@gatehouse/clients';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { DEFAULT_PARAMS as LLM_DEFAULTS } from '../../canisters/llm/domain/params.ts';
import { idlFactory as llmIdl } from '../../canisters/llm/interface.ts';
import { waitFor } from '../../worker/test/worker-process.ts';
import { okOf, userMessage } from '../support/args.ts';
import { servedGatehouse } from '../support/served.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '20' },
  },
});
const jobs = Number(values.jobs);
const PROMPT = 'what is a gatehouse?';
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (xs: number[]) => `median ${percentile(xs, 0.5).toFixed(0)} ms, p95 ${percentile(xs, 0.95).toFixed(0)} ms`;

const { g, server, worker, close } = await servedGatehouse('bench-llm-', { llm: true });

try {
  const agent = await HttpAgent.create({
    host: server.url,
    identity: Ed25519KeyIdentity.generate(),
    shouldFetchRootKey: true,
  });
  const llm = Actor.createActor<{ v0_chat(r: unknown): Promise<string> }>(llmIdl as never, {
    agent,
    canisterId: g.ids.llm!,
  });
  const queue = Actor.createActor<QueueService>(queueIdlFactory, { agent, canisterId: g.ids.queue });
  const jobMs = async (count: number) => {
    const line = await waitFor('the job line', () => worker.jobs('completed')[count - 1], 60_000);
    return Number(line.ms);
  };

  const held: number[] = [];
  const direct: number[] = [];
  const heldJob: number[] = [];
  const directJob: number[] = [];
  let done = 0;
  for (let i = 0; i < jobs; i++) {
    // Held: one call, answered when the worker completes the job the llm canister submitted.
    let t = performance.now();
    await llm.v0_chat({ model: 'llama3.1:8b', messages: [{ role: { user: null }, content: PROMPT }] });
    const heldWall = performance.now() - t;
    heldJob.push(await jobMs(++done));
    held.push(heldWall - heldJob.at(-1)!);

    // Baseline: submit, then poll get_job every 50 ms (a client of the queue doing the waiting itself).
    t = performance.now();
    const id = okOf(
      await queue.submit({
        model: 'tiny-chat',
        messages: [userMessage(PROMPT)],
        tools: [],
        max_tokens: LLM_DEFAULTS.max_tokens, // what the llm canister asks for
        temperature: [],
        seed: [],
      }),
    );
    await waitFor('the job', async () => 'Completed' in okOf(await queue.get_job(id)).status, 60_000);
    const directWall = performance.now() - t;
    directJob.push(await jobMs(++done));
    direct.push(directWall - directJob.at(-1)!);
  }
  const m = await Actor.createActor<{ metrics(): Promise<{ polls: bigint }> }>(llmIdl as never, {
    agent,
    canisterId: g.ids.llm!,
  }).metrics();
  console.log(
    `bench:llm — ${jobs} jobs each way, tiny model, 1 thread; load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
  );
  console.log(`  worker job time (lease → completion), held runs:   ${fmt(heldJob)}`);
  console.log(`  worker job time (lease → completion), direct runs: ${fmt(directJob)}`);
  console.log(`  added by the held v0_chat call:                    ${fmt(held)}`);
  console.log(`  added by submit + get_job polling (baseline):      ${fmt(direct)}`);
  console.log(
    `  held / baseline (medians): ${(percentile(held, 0.5) / percentile(direct, 0.5)).toFixed(2)}; ` +
      `llm canister polls: ${m.polls} (${(Number(m.polls) / jobs).toFixed(1)} per call)`,
  );
} finally {
  await close();
}
