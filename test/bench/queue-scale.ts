/**
 * Cost of lease + complete with 1 000 and with 100 000 jobs queued, on the real queue wasm in localnet:
 *   npm run bench:queue -- [--sizes 1000,10000,100000] [--rounds 200]
 * Not a test: prints, as each size is reached, the median time per call and its ratio to the first size
 * (target at 100 000 vs 1 000: ≤ 1.3).
 * localnet counts no instructions, so the figure is wall time per call, which includes the same
 * constant agent and scheduler overhead at both sizes.
 */
import { parseArgs } from 'node:util';
import type { QueueService } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';

import { DEFAULT_PARAMS } from '../../canisters/queue/domain/params.ts';
import { idlFactory, type Lease } from '../../canisters/queue/interface.ts';
import { ROLES, testPrincipal } from '../../canisters/shared/testing/roles.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { encodeInit } from '../support/deploy.ts';
import { ensureWasm } from '../support/wasm.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    rounds: { type: 'string', default: '200' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const rounds = Number(values.rounds);
const largest = Math.max(...sizes);
const PER_SUBMITTER = 1_000;

const p = (text: string) => Principal.fromText(text);
const net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 60_000 });
const id = await net.createCanister();
const params = {
  ...DEFAULT_PARAMS,
  max_queued_jobs: largest + 2 * rounds + 10,
  max_pending_per_caller: PER_SUBMITTER,
  max_jobs_per_lease: 1,
  lease_seconds: 3_600,
  max_lease_seconds: 3_600,
};
await net.install(
  id,
  ensureWasm('queue'),
  encodeInit.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister), params }),
);
const as = (who: string) => net.actor<QueueService>(id, idlFactory as never, { caller: p(who) });
// As the registry's first push: a snapshot of its one worker key.
await as(ROLES.registryCanister).apply_membership({
  epoch: 1n,
  snapshot: [{ from: 1n, to: 1n }],
  skip: [],
  updates: [{ seq: 1n, worker: p(ROLES.worker), contributor: p(ROLES.contributor), active: true }],
});
const worker = as(ROLES.worker);
const job = {
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content: 'benchmark prompt', tool_calls: [] as [], tool_call_id: [] as [] }],
  max_tokens: 16,
  tools: [] as [],
  temperature: [] as [],
  seed: [] as [],
};

let queued = 0;
/** Submits from fresh submitters (PER_SUBMITTER each), 64 calls in flight, until `target` jobs are queued. */
async function fillTo(target: number): Promise<void> {
  const started = performance.now();
  while (queued < target) {
    const batch = Math.min(64, target - queued);
    await Promise.all(
      Array.from({ length: batch }, (_, i) => {
        const submitter = testPrincipal(1_000 + Math.floor((queued + i) / PER_SUBMITTER));
        return as(submitter).submit(job);
      }),
    );
    queued += batch;
  }
  console.log(`filled to ${target} queued jobs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `rounds` × (lease one job, complete it); a submit per round (not timed) keeps the queue at its size. */
async function measure(): Promise<{ lease: number; complete: number }> {
  const leaseMs: number[] = [];
  const completeMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await as(testPrincipal(900)).submit(job);
    let t = performance.now();
    const leased = (await worker.lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
    leaseMs.push(performance.now() - t);
    const lease = leased.Ok[0]!;
    t = performance.now();
    const done = await worker.complete({
      job_id: lease.job_id,
      token: lease.token,
      output: 'x',
      tokens_in: 1,
      tokens_out: 1,
      tool_calls: [] as [],
    });
    completeMs.push(performance.now() - t);
    if (!('Ok' in done)) throw new Error(`complete: ${JSON.stringify(done)}`);
  }
  return { lease: median(leaseMs), complete: median(completeMs) };
}

const sum = (m: { lease: number; complete: number }) => m.lease + m.complete;
let baseline: number | undefined;
for (const [i, size] of sizes.entries()) {
  await fillTo(size);
  if (i === 0) await measure(); // warm-up: the first calls of a fresh canister are slower
  const m = await measure();
  baseline ??= sum(m);
  console.log(
    `${String(size).padStart(7)} queued: lease ${m.lease.toFixed(2)} ms, complete ${m.complete.toFixed(2)} ms, ` +
      `lease+complete ${sum(m).toFixed(2)} ms (median of ${rounds}); ratio to ${sizes[0]}: ${(sum(m) / baseline).toFixed(3)}`,
  );
}
console.log(
  `metrics: ${JSON.stringify(await as(ROLES.stranger).metrics(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}`,
);
await net.close();
