/**
 * Instructions and cycles per method of our canisters, metered as the replica meters them:
 * `npx tsx localnet/test/bench-instructions.ts [queued jobs, e.g. 1000,100000]`.
 * Cycles are those of a 13-node application subnet (the IC's published fee table): every replicated execution
 * 590 K + 4 per 10 instructions; an ingress message 1.2 M + 2 K per byte; an inter-canister call 260 K + 1 K per
 * byte sent (request and reply). Queries cost nothing on the IC; their instructions count against the 5 B limit.
 * The queue is filled through real submit calls, in-process (no HTTP), from one submitter per 1 000 jobs (the
 * per-caller cap), after governance raised max_queued_jobs; each submit runs the queue's wasm (~80 M instructions
 * with its inspect_message), which is what a fill costs: it prints its rate and the time left as it goes.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import * as queueIdl from '../../canisters/queue/interface.ts';
import { MODEL, leaseArgs, nominateArgs, okOf, submitArgs } from '../../test/support/args.ts';
import { deployGatehouse } from '../../test/support/deploy.ts';
import { LocalNet } from '../src/index.ts';
import type { Execution } from '../src/network.ts';

const queued = (process.argv[2] ?? '1000,100000').split(',').map(Number);

const FEES = { execution: 590_000n, perTenInstructions: 4n, ingress: 1_200_000n, ingressByte: 2_000n, xnet: 260_000n };
const XNET_BYTE = 1_000n;

let executions: Execution[] = [];
const net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), onExecuted: (e) => executions.push(e) });
const g = await deployGatehouse(net, { queueParams: { max_pending_per_caller: 1_000, max_jobs_per_lease: 1 } });
const PER_SUBMITTER = 1_000;
// As on mainnet: governance raises the queue's cap (default 10 000) so the largest fill fits.
okOf(
  await g
    .queue('governance')
    .set_params({ ...(await g.queue().get_params()), max_queued_jobs: Math.max(...queued) + 10 }),
);

interface Figures {
  instructions: bigint;
  messages: number;
  cycles: bigint;
}

/** Runs `call`, then prices every message it caused (ingress, callbacks, inter-canister calls). */
async function measure(call: () => Promise<unknown>, ingressBytes: number, query: boolean): Promise<Figures> {
  executions = [];
  await call();
  const replicated = executions.filter((e) => e.kind !== 'NRQ' && e.kind !== 'F');
  const instructions = executions.reduce((n, e) => n + e.instructions, 0n);
  if (query) return { instructions, messages: executions.length, cycles: 0n };
  let cycles = FEES.ingress + FEES.ingressByte * BigInt(ingressBytes);
  for (const e of replicated) {
    cycles += FEES.execution + (e.instructions * FEES.perTenInstructions) / 10n;
    for (const bytes of e.callBytes) cycles += FEES.xnet + XNET_BYTE * BigInt(bytes);
    if (e.kind === 'U' && replicated.length > 1) cycles += XNET_BYTE * BigInt(e.replyBytes);
  }
  return { instructions, messages: replicated.length, cycles };
}

const PAGE = { offset: 0n, limit: 50n };
const rows: Array<[string, Figures]> = [];
function print(label: string, f: Figures): void {
  rows.push([label, f]);
  const b = (Number(f.instructions) / 1e6).toFixed(2).padStart(10);
  console.log(
    `${label.padEnd(44)} ${b} M instr  ${String(f.messages).padStart(2)} msg  ${f.cycles.toLocaleString('en').padStart(13)} cycles`,
  );
}

const encoded = (types: IDL.Type[], values: unknown[]) => IDL.encode(types, values).byteLength;
const T = queueIdl.queueTypes(IDL);
const submit = submitArgs('Summarise the IC interface specification in one sentence.');
const submitBytes = encoded([T.SubmitArgs], [submit]);

console.log('instructions and cycles per call (13-node subnet fees), all messages a call causes summed:');
// Admission: nominate (invitation), admit (invitation -> registry -> queue), bind the worker key (registry -> queue).
const { contributor, worker } = g.principals;
let nomination: { id: bigint } | undefined;
print(
  'invitation.nominate',
  await measure(
    async () => (nomination = okOf(await g.invitation('nodeProvider').nominate(nominateArgs(contributor, 'Carol')))),
    200,
    false,
  ),
);
print(
  'invitation.admit (-> registry -> queue)',
  await measure(async () => okOf(await g.invitation('governance').admit({ nomination_id: nomination!.id })), 20, false),
);
print(
  'registry.offer_worker_key',
  await measure(async () => okOf(await g.registry('contributor').offer_worker_key(worker)), 40, false),
);
print(
  'registry.accept_worker_key (-> queue)',
  // The registry pushes the key to the queue in later rounds: tick so they count here, not in the next call.
  await measure(
    async () => {
      okOf(await g.registry(worker).accept_worker_key(g.principals.contributor));
      await g.net.tick();
    },
    40,
    false,
  ),
);

const queue = g.queue('stranger');
print('queue.submit', await measure(async () => okOf(await queue.submit(submit)), submitBytes, false));

/** Leases one job, heartbeats and completes it; its id. */
async function leaseAndComplete(label: string): Promise<bigint> {
  let lease: { job_id: bigint; token: bigint } | undefined;
  print(
    `${label} queue.lease`,
    await measure(async () => ([lease] = okOf(await g.queue('worker').lease(leaseArgs(1)))), 40, false),
  );
  print(
    `${label} queue.heartbeat`,
    await measure(
      async () => okOf(await g.queue('worker').heartbeat({ models: [MODEL], version: 'bench', in_flight: 1 })),
      40,
      false,
    ),
  );
  print(
    `${label} queue.complete`,
    await measure(
      async () =>
        okOf(
          await g.queue('worker').complete({
            job_id: lease!.job_id,
            token: lease!.token,
            output: 'One sentence.',
            tokens_in: 12,
            tokens_out: 3,
            tool_calls: [] as [],
          }),
        ),
      60,
      false,
    ),
  );
  return lease!.job_id;
}
const completed = await leaseAndComplete('1 job queued:');

print(
  'queue.get_job (query, its completed job)',
  await measure(async () => okOf(await queue.get_job(completed)), 0, true),
);
print('queue.list_workers (query)', await measure(() => queue.list_workers(PAGE), 0, true));
print('registry.list_contributors (query)', await measure(() => g.registry().list_contributors(PAGE), 0, true));
print(
  'invitation.list_nominations (query)',
  await measure(() => g.invitation().list_nominations({ page: PAGE, status: [], nominator: [] }), 0, true),
);
print('queue.metrics (query)', await measure(() => queue.metrics(), 0, true));

let submitted = 0;
const perSecond: number[] = [];
/** Submits until `target` jobs are queued, a few calls in flight (they still execute one at a time). */
async function fillTo(target: number): Promise<void> {
  const started = performance.now();
  const before = submitted;
  let reported = started;
  while (submitted < target) {
    const batch = Math.min(16, target - submitted);
    await Promise.all(
      Array.from({ length: batch }, (_, i) => {
        const n = Math.floor((submitted + i) / PER_SUBMITTER);
        return g
          .queue(Principal.fromUint8Array(new Uint8Array([0xaa, n & 0xff, n >> 8, 1])))
          .submit(submit)
          .then(okOf);
      }),
    );
    submitted += batch;
    const now = performance.now();
    if (now - reported > 60_000) {
      reported = now;
      const rate = (submitted - before) / ((now - started) / 1000);
      console.log(
        `  … ${submitted.toLocaleString('en')} jobs queued, ${rate.toFixed(0)} submits/s, ~${((target - submitted) / rate / 60).toFixed(0)} min left`,
      );
    }
  }
  perSecond.push((submitted - before) / ((performance.now() - started) / 1000));
}
for (const target of queued) {
  await fillTo(target);
  await leaseAndComplete(`${target.toLocaleString('en')} jobs queued:`);
  submitted--; // the completed one
}
console.log(`(queue filled at ${perSecond.map((r) => r.toFixed(0)).join(', ')} submits/s)`);
const lc = (label: string, of: 'instructions' | 'cycles') =>
  rows.filter(([l]) => l.startsWith(label)).reduce((n, [l, f]) => n + (/lease|complete/.test(l) ? f[of] : 0n), 0n);
if (queued.length >= 2) {
  const [small, large] = [queued[0]!, queued.at(-1)!];
  const at = (n: number, of: 'instructions' | 'cycles') => Number(lc(`${n.toLocaleString('en')} jobs queued:`, of));
  console.log(
    `lease + complete: ${(at(small, 'instructions') / 1e6).toFixed(2)} M instr, ${at(small, 'cycles').toLocaleString('en')} cycles at ${small.toLocaleString('en')} jobs; ` +
      `${(at(large, 'instructions') / 1e6).toFixed(2)} M instr, ${at(large, 'cycles').toLocaleString('en')} cycles at ${large.toLocaleString('en')}: ` +
      `ratio ${(at(large, 'instructions') / at(small, 'instructions')).toFixed(3)} (instructions), ${(at(large, 'cycles') / at(small, 'cycles')).toFixed(3)} (cycles)`,
  );
}
await net.close();
