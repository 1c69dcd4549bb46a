/**
 * HTTP figures for localnet with the project's canisters deployed: `npx tsx localnet/test/bench-http.ts [calls]`.
 * Startup to ready (network, deploy of the built wasm, server, first agent), query and update latency through
 * a real HttpAgent (verification on), update calls/s from 1 and from 8 concurrent agents with the BLS signatures
 * made per call (localnet certifies per round: before rounds every certified response was signed, 1 per call),
 * and this run's cost of one signature and of one agent-side certificate verification beside them.
 */
import { randomBytes } from 'node:crypto';

import { Actor, Certificate, type HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { idlFactory as queueIdl } from '../../canisters/queue/interface.ts';
import { stats as statsAt, timed } from './bench-stats.ts';
import { agentFor, deployed, ensureBuilt } from './http/harness.ts';

const stats = (label: string, samples: number[]) => statsAt(label, samples, 34);

const calls = Number(process.argv[2] ?? 200);
ensureBuilt();

type Queue = Record<string, (...args: unknown[]) => Promise<any>>;

const t0 = performance.now();
const d = await deployed();
const first = await agentFor(d.server, Ed25519KeyIdentity.generate());
const startup = performance.now() - t0;
console.log(
  `startup to ready (${Object.keys(d.ids).length} canisters deployed, agent has the root key): ${startup.toFixed(0)} ms`,
);

const queueOf = (agent: HttpAgent): Queue =>
  Actor.createActor(queueIdl as never, { agent, canisterId: d.ids.queue! }) as Queue;
const queue = queueOf(first);
await queue.get_params(); // subnet keys fetched and cached
stats('query get_params (HTTP)', await timed(calls, () => queue.get_params()));
stats('update cancel (HTTP, certified)', await timed(calls, () => queue.cancel(0n)));

async function throughput(agents: number, total: number): Promise<void> {
  const actors = await Promise.all(
    Array.from({ length: agents }, async () => queueOf(await agentFor(d.server, Ed25519KeyIdentity.generate()))),
  );
  await Promise.all(actors.map((a) => a.get_params()));
  const per = Math.ceil(total / agents);
  const signed = d.server.certifications;
  const t = performance.now();
  await Promise.all(
    actors.map(async (a) => {
      for (let i = 0; i < per; i++) await a.cancel(0n);
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const signatures = d.server.certifications - signed;
  console.log(
    `update calls/s, ${agents} agent(s)`.padEnd(34) +
      ` ${((per * agents) / seconds).toFixed(1)} calls/s  (${per * agents} calls; ${signatures} BLS signatures, ` +
      `${(signatures / (per * agents)).toFixed(2)} per call, was 1.00 before rounds)`,
  );
}

/** This run's price of one round's signature (server) and of one certificate's verification (agent). */
async function certificateCosts(): Promise<void> {
  const sign = await timed(20, async () => d.server.keys.signRootHash(new Uint8Array(randomBytes(32))));
  stats('BLS sign, one per round (server)', sign);
  const reader = await agentFor(d.server, Ed25519KeyIdentity.generate());
  const { certificate } = await reader.readState(d.ids.queue!, { paths: [[new TextEncoder().encode('time')]] });
  const verify = await timed(20, () =>
    Certificate.create({ certificate, rootKey: d.server.keys.rootKey, principal: { canisterId: d.ids.queue! } }),
  );
  stats('certificate verify (agent)', verify);
}
await throughput(1, calls);
await throughput(8, calls);
await certificateCosts();
await d.close();
