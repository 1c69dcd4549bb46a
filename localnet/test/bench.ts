/**
 * Latency figures for localnet on the conformance canister: `npx tsx localnet/test/bench.ts [calls]`.
 * Not a test: prints install time, query/update/inter-canister latency (median and p95).
 */
import { IDL } from '@dfinity/candid';

import { LocalNet } from '../src/index.ts';
import { idlFactory, type Conformance } from './conformance-idl.ts';
import { stats, timed } from './bench-stats.ts';
import { conformanceWasm } from './fixture/build.ts';

const calls = Number(process.argv[2] ?? 200);

const wasm = conformanceWasm();
const net = await LocalNet.start();
const arg = new Uint8Array(IDL.encode([IDL.Text], ['bench']));
const installs: number[] = [];
const ids = [];
for (let i = 0; i < 3; i++) {
  const id = await net.createCanister();
  const t = performance.now();
  await net.install(id, wasm, arg);
  installs.push(performance.now() - t);
  ids.push(id);
}
stats('install (incl. init timer)', installs);
const [a, b] = ids as [(typeof ids)[0], (typeof ids)[0]];
const actor = net.actor<Conformance>(a, idlFactory);
console.log(`heap ${(net.info(a).heapBytes / 2 ** 20).toFixed(1)} MiB, stable ${net.info(a).stablePages} pages`);
stats('query get', await timed(calls, () => actor.get('k')));
stats('update incr', await timed(calls, (i) => actor.incr(`k${i % 10}`, 1n)));
stats('inter-canister remote_incr', await timed(Math.min(calls, 100), () => actor.remote_incr(b, 'r', 1n)));
const t = performance.now();
await net.upgrade(a, wasm, arg);
stats('upgrade', [performance.now() - t]);
await net.close();
