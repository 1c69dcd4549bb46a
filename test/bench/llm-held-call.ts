/**
 * The held call's price: how much longer a caller of the llm canister waits than the worker spends on its job,
 * beside the same for a client that submits to the queue and polls get_job itself (the baseline, in the same
 * run, on the same worker):
 *   npm run bench:llm -- [--jobs 20]
 * Real wasm on localnet behind its IC HTTP interface (HttpAgent clients), one `gatehouse-worker start` on the
 * tiny model. Three ways in turn: an agent's v0_chat; a canister's (examples/llm-client, `@dfinity/llm`'s
 * prompt → v1_chat, itself called by the agent); submit + get_job polling. Job time: the worker's own `ms` (lease
 * to completion report) from its job lines. Added: the caller's wall time minus that. Rounds: localnet's
 * default (a round per repeated call, 100 ms when idle). The breakdown places each call on the worker's clock
 * (its job lines' epoch ms; same machine, same clock).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { IDL } from '@dfinity/candid';
import { queueIdlFactory, type QueueService } from '@gatehouse/clients';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { DEFAULT_PARAMS as LLM_DEFAULTS } from '../../canisters/llm/domain/params.ts';
import { idlFactory as llmIdl } from '../../canisters/llm/interface.ts';
import { llmClientWasm } from '../../examples/llm-client/build.ts';
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

/** One call's moments, epoch ms: sent, leased by the worker, inference ended, answer on the wire, in hand. */
interface Timeline {
  sent: number;
  leased: number;
  runEnd: number;
  seen: number;
  done: number;
}

/** A way of asking for one answer, and what each of its calls cost. */
interface Way {
  name: string;
  ask(): Promise<unknown>;
  added: number[];
  job: number[];
  times: Timeline[];
}

const wasm = llmClientWasm();
const { g, server, worker, close } = await servedGatehouse('bench-llm-', { llm: true });

try {
  // When the last HTTP response arrived: a call's certified reply, before the agent verifies it.
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
  const exampleId = await g.net.createCanister();
  await g.net.install(exampleId, await wasm);
  const example = Actor.createActor<{ prompt(p: string): Promise<string> }>(
    (({ IDL: I }: { IDL: typeof IDL }) => I.Service({ prompt: I.Func([I.Text], [I.Text], []) })) as never,
    { agent, canisterId: exampleId },
  );
  const queue = Actor.createActor<QueueService>(queueIdlFactory, { agent, canisterId: g.ids.queue });

  const way = (name: string, ask: () => Promise<unknown>): Way => ({ name, ask, added: [], job: [], times: [] });
  const ways = [
    // Held: one call, answered when the worker completes the job the llm canister submitted.
    way('held v0_chat (agent)', () =>
      llm.v0_chat({ model: 'llama3.1:8b', messages: [{ role: { user: null }, content: PROMPT }] }),
    ),
    // The same held call made by a canister (inter-canister), which the agent calls.
    way('canister → held v1_chat', () => example.prompt(PROMPT)),
    // Baseline: submit, then poll get_job every 50 ms (a client of the queue doing the waiting itself).
    way('submit + get_job (baseline)', async () => {
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
    }),
  ];
  let done = 0;
  for (let i = 0; i < jobs; i++) {
    for (const w of ways) {
      const t = performance.now();
      const sent = Date.now();
      await w.ask();
      const wall = performance.now() - t;
      const [seen, at] = [answered, Date.now()];
      const line = await waitFor('the job line', () => worker.jobs('completed')[done], 60_000);
      done++;
      const ms = Number(line.ms);
      w.job.push(ms);
      w.added.push(wall - ms);
      const leased = Date.parse(String(line.ts)) - ms;
      w.times.push({ sent, leased, runEnd: Number(line.run_end), seen, done: at });
    }
  }
  const m = await Actor.createActor<{ metrics(): Promise<{ polls: bigint }> }>(llmIdl as never, {
    agent,
    canisterId: g.ids.llm!,
  }).metrics();
  const [held, , direct] = ways.map((w) => percentile(w.added, 0.5));
  console.log(
    `bench:llm — ${jobs} jobs each way, tiny model, 1 thread; load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
  );
  for (const w of ways) console.log(`  worker job time, ${w.name}:`.padEnd(52) + fmt(w.job));
  for (const w of ways) console.log(`  added, ${w.name}:`.padEnd(52) + fmt(w.added));
  console.log(
    `  held v0_chat / baseline (medians): ${(held! / direct!).toFixed(2)}; ` +
      `llm canister polls: ${m.polls} (${(Number(m.polls) / (2 * jobs)).toFixed(1)} per held call)`,
  );
  console.log(`  breakdown, medians (worker's clock)`.padEnd(52) + 'v0_chat  canister  baseline');
  const phase = (name: string, of: (t: Timeline) => number) =>
    console.log(
      `    ${name}`.padEnd(52) +
        ways.map((w) => `${percentile(w.times.map(of), 0.5).toFixed(0)} ms`.padStart(8)).join('  '),
    );
  phase('sent → leased by the worker', (t) => t.leased - t.sent);
  phase('leased → inference ended', (t) => t.runEnd - t.leased);
  phase('inference ended → answer on the wire', (t) => t.seen - t.runEnd);
  phase('answer on the wire → in the caller’s hands', (t) => t.done - t.seen);
} finally {
  await close();
}
