/**
 * The held call's price: how much longer a caller of the llm canister's v0_chat waits than the worker spends on
 * its job, beside the same for a client that submits to the queue and polls get_job itself (the baseline, in
 * the same run, on the same worker):
 *   npm run bench:llm -- [--jobs 20]
 * Real wasm on localnet behind its IC HTTP interface (HttpAgent clients), one `gatehouse-worker start` on the
 * tiny model. Job time: the worker's own `ms` (lease to completion report) from its job lines. Added: the
 * caller's wall time minus that. Rounds: localnet's default (a round per repeated call, 100 ms when idle).
 * The breakdown places each call on the worker's clock (its job lines' epoch ms; same machine, same clock).
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
const med = (xs: number[]) => `${percentile(xs, 0.5).toFixed(0)} ms`.padStart(8);

/** One call's moments, epoch ms: sent, leased by the worker, inference ended, answer seen, answer in hand. */
interface Timeline {
  sent: number;
  leased: number;
  runEnd: number;
  seen: number;
  done: number;
}

const { g, server, worker, close } = await servedGatehouse('bench-llm-', { llm: true });

try {
  // When the last HTTP response arrived: the held call's certified reply, before the agent verifies it.
  let answered = 0;
  const agent = await HttpAgent.create({
    host: server.url,
    identity: Ed25519KeyIdentity.generate(),
    shouldFetchRootKey: true,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      answered = Date.now();
      return response;
    },
  });
  const llm = Actor.createActor<{ v0_chat(r: unknown): Promise<string> }>(llmIdl as never, {
    agent,
    canisterId: g.ids.llm!,
  });
  const queue = Actor.createActor<QueueService>(queueIdlFactory, { agent, canisterId: g.ids.queue });
  let done = 0;
  /** The next job line, and the call's timeline on the worker's clock. */
  const finished = async (sent: number, seen: number, at: number) => {
    const line = await waitFor('the job line', () => worker.jobs('completed')[done], 60_000);
    done++;
    const ms = Number(line.ms);
    const leased = Date.parse(String(line.ts)) - ms;
    return { ms, timeline: { sent, leased, runEnd: Number(line.run_end), seen, done: at } };
  };

  const held: number[] = [];
  const direct: number[] = [];
  const heldJob: number[] = [];
  const directJob: number[] = [];
  const heldTimes: Timeline[] = [];
  const directTimes: Timeline[] = [];
  for (let i = 0; i < jobs; i++) {
    // Held: one call, answered when the worker completes the job the llm canister submitted.
    let t = performance.now();
    let sent = Date.now();
    await llm.v0_chat({ model: 'llama3.1:8b', messages: [{ role: { user: null }, content: PROMPT }] });
    const heldWall = performance.now() - t;
    const h = await finished(sent, answered, Date.now());
    heldJob.push(h.ms);
    heldTimes.push(h.timeline);
    held.push(heldWall - h.ms);

    // Baseline: submit, then poll get_job every 50 ms (a client of the queue doing the waiting itself).
    t = performance.now();
    sent = Date.now();
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
    const d = await finished(sent, answered, Date.now());
    directJob.push(d.ms);
    directTimes.push(d.timeline);
    direct.push(directWall - d.ms);
  }
  const m = await Actor.createActor<{ metrics(): Promise<{ polls: bigint }> }>(llmIdl as never, {
    agent,
    canisterId: g.ids.llm!,
  }).metrics();
  const phase = (name: string, of: (t: Timeline) => number) =>
    console.log(`    ${name.padEnd(44)}${med(heldTimes.map(of))}${med(directTimes.map(of))}`);
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
  console.log(`  breakdown, medians (worker's clock)                 held  direct`);
  phase('sent → leased by the worker', (t) => t.leased - t.sent);
  phase('leased → inference ended', (t) => t.runEnd - t.leased);
  phase('inference ended → answer on the wire', (t) => t.seen - t.runEnd);
  phase('answer on the wire → in the caller’s hands', (t) => t.done - t.seen);
} finally {
  await close();
}
