/**
 * Worst-input cost per queue method on the real wasm in localnet: `npm run bench:queue-ingress`.
 * Not a test. With the governance maxima for every size (1 MB prompt, 128 KiB output, 4 KiB reason), each
 * update method gets the largest argument canister_inspect_message lets through, from a caller it lets
 * through, and answers a cheap Err after decoding it (a stale token, an unknown job): the time is that
 * argument's decode plus a constant. Hostile inputs (oversized, 10^9 nulls in 14 bytes) are sent too;
 * inspect_message refuses them unread. localnet counts no instructions: figures are wall time per call,
 * median of --rounds, beside a minimal call (cancel of an unknown job) as the baseline of the same run.
 */
import { IDL } from '@dfinity/candid';
import { parseArgs } from 'node:util';
import { Principal } from '@icp-sdk/core/principal';

import { MAX_MODEL_NAME_BYTES, MAX_MODELS } from '../../canisters/queue/domain/limits.ts';
import { DEFAULT_PARAMS, PARAM_RANGES } from '../../canisters/queue/domain/params.ts';
import { queueTypes } from '../../canisters/queue/interface.ts';
import { ROLES, testPrincipal } from '../../canisters/shared/testing/roles.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { encodeInit } from '../support/deploy.ts';
import { ensureWasm } from '../support/wasm.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const p = (text: string) => Principal.fromText(text);
const T = queueTypes(IDL);
/** The largest max_output_bytes set_params allows. */
const OUTPUT = PARAM_RANGES.max_output_bytes[1];
const params = {
  ...DEFAULT_PARAMS,
  max_prompt_bytes: 1_000_000,
  max_messages: 256,
  // the most tool calls per message that keep a full submit within inspect_message's element budget
  max_tool_calls: 2,
  max_jobs_per_lease: 1,
  max_output_bytes: OUTPUT,
  max_tokens: OUTPUT / 16,
  max_reason_bytes: 4_096,
  max_queued_jobs: 1_000,
  models: Array.from(
    { length: MAX_MODELS },
    (_, i) => `${'m'.repeat(MAX_MODEL_NAME_BYTES - 2)}${String(i).padStart(2, '0')}`,
  ),
};
const net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 120_000 });
const id = await net.createCanister();
await net.install(
  id,
  ensureWasm('queue'),
  encodeInit.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister), params }),
);
const fnArgs = (method: string) =>
  (T.service._fields as Array<[string, IDL.FuncClass]>).find(([name]) => name === method)![1].argTypes;
const encode = (method: string, values: unknown[]) => new Uint8Array(IDL.encode(fnArgs(method), values));
const call = (caller: string, method: string, arg: Uint8Array) => net.update(id, method, arg, { caller: p(caller) });
await call(
  ROLES.registryCanister,
  'apply_membership',
  encode('apply_membership', [[{ seq: 1n, worker: p(ROLES.worker), contributor: p(ROLES.contributor), active: true }]]),
);

const models = params.models;
const stale = { job_id: 1n, token: 999n };
const biggest: Array<[string, string, Uint8Array]> = [
  ['cancel (baseline: 8-byte id)', ROLES.stranger, encode('cancel', [424242n])],
  [
    'submit: 256 messages, 1 MB prompt',
    ROLES.stranger,
    encode('submit', [
      {
        model: 'not-served',
        messages: Array.from({ length: 256 }, () => ({
          role: { User: null },
          content: 'p'.repeat(3_900),
          tool_calls: [] as [],
          tool_call_id: [] as [],
        })),
        max_tokens: 1,
        tools: [] as [],
        temperature: [] as [],
        seed: [],
      },
    ]),
  ],
  [
    'complete: 128 KiB output',
    ROLES.worker,
    encode('complete', [{ ...stale, output: 'o'.repeat(OUTPUT), tokens_in: 1, tokens_out: 1, tool_calls: [] as [] }]),
  ],
  [
    'complete_and_lease: 128 KiB + 32 models',
    ROLES.worker,
    encode('complete_and_lease', [
      { ...stale, output: 'o'.repeat(OUTPUT), tokens_in: 1, tokens_out: 1, tool_calls: [] as [] },
      { models: models.map((m) => `${m}x`.slice(1)), max_jobs: 0 },
    ]),
  ],
  ['fail: 4 KiB reason', ROLES.worker, encode('fail', [{ ...stale, reason: 'r'.repeat(4_096), retryable: true }])],
  ['lease: 32 models of 64 bytes', ROLES.worker, encode('lease', [{ models, max_jobs: 0 }])],
  [
    'heartbeat: 32 models, 65-byte version',
    ROLES.worker,
    encode('heartbeat', [{ models, version: 'v'.repeat(65), in_flight: 0 }]),
  ],
  ['extend', ROLES.worker, encode('extend', [{ ...stale, seconds: 1 }])],
  [
    'apply_membership: 257 updates',
    ROLES.registryCanister,
    encode('apply_membership', [
      Array.from({ length: 257 }, (_, i) => ({
        seq: BigInt(i + 10),
        worker: p(testPrincipal(5_000 + i)),
        contributor: p(ROLES.contributor),
        active: true,
      })),
    ]),
  ],
  ['set_params: 32 models, invalid', ROLES.governance, encode('set_params', [{ ...params, max_attempts: 0 }])],
  ['validate_set_params: 32 models', ROLES.anonymous, encode('validate_set_params', [params])],
];
const hostile: Array<[string, string, string, Uint8Array]> = [
  ['cancel', '1.9 MB text', ROLES.stranger, new Uint8Array(IDL.encode([IDL.Text], ['x'.repeat(1_900_000)]))],
  [
    'cancel',
    'vec null of 10^9 (14 bytes)',
    ROLES.stranger,
    Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x01, 0x6d, 0x7f, 0x01, 0x00, 0x80, 0x80, 0x94, 0xeb, 0x03]),
  ],
  ['complete', '128 KiB output + 1 byte', ROLES.worker, new Uint8Array(OUTPUT + 2_048 + 1)],
  ['submit', 'anonymous, 1 MB prompt', ROLES.anonymous, biggest[1]![2]],
  ['lease', 'a stranger', ROLES.stranger, biggest[5]![2]],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timeIt(caller: string, method: string, arg: Uint8Array): Promise<{ ms: number; outcome: string }> {
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const result = await call(caller, method, arg);
    times.push(performance.now() - t);
    outcome =
      'reject' in result
        ? `reject ${result.reject.errorCode ?? result.reject.code}`
        : (() => {
            const [decoded] = IDL.decode(
              [(T.service._fields as Array<[string, IDL.FuncClass]>).find(([n]) => n === method)![1].retTypes[0]!],
              Uint8Array.from(result.reply),
            );
            return JSON.stringify(decoded, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).slice(0, 60);
          })();
  }
  return { ms: median(times), outcome };
}

console.log(`worst accepted input per method (median of ${rounds}); the reply shows the method decoded it:`);
for (const [label, caller, arg] of biggest) {
  const method = label.split(/[ :]/)[0]!;
  const { ms, outcome } = await timeIt(caller, method, arg);
  console.log(`  ${label.padEnd(40)} ${String(arg.length).padStart(8)} B  ${ms.toFixed(1).padStart(7)} ms  ${outcome}`);
}
console.log('hostile inputs:');
for (const [method, label, caller, arg] of hostile) {
  const { ms, outcome } = await timeIt(caller, method, arg);
  console.log(
    `  ${`${method}: ${label}`.padEnd(40)} ${String(arg.length).padStart(8)} B  ${ms.toFixed(1).padStart(7)} ms  ${outcome}`,
  );
}
await net.close();
