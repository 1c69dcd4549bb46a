/** The queue and the llm canister at its IC id on a fresh LocalNet, one active worker: held-call tests. */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { expect } from 'vitest';

import { initArgs, llmTypes } from '../interface.ts';
import { idlFactory as queueIdl, type Lease } from '../../queue/interface.ts';
import { ROLES } from '../../shared/testing/roles.ts';
import { encodeInit } from '../../../test/support/deploy.ts';
import { ensureWasm } from '../../../test/support/wasm.ts';
import { LocalNet, type LocalNetOptions } from '../../../localnet/src/localnet.ts';

export type Actor = Record<string, (...args: unknown[]) => Promise<any>>;
export const p = (text: string) => Principal.fromText(text);
export const LLM_ID = p('w36hm-eqaaa-aaaal-qr76a-cai');
const types = llmTypes(IDL);

/** A v0_chat argument of one user message. */
export const chat = (content: string) =>
  new Uint8Array(
    IDL.encode([types.chat_request_v0], [{ model: 'llama3.1:8b', messages: [{ role: { user: null }, content }] }]),
  );

export const actor = (on: LocalNet, id: Principal, idl: unknown, caller: string) =>
  on.actor<Actor>(id, idl as never, { caller: p(caller) });

/** Deploys both canisters; `worker` is made an active worker of the queue. Returns the network and the queue id. */
export async function deployLlmAndQueue(
  options: LocalNetOptions,
  worker: Principal = p(ROLES.worker),
): Promise<{ net: LocalNet; queueId: Principal }> {
  const net = await LocalNet.start(options);
  const queueId = await net.createCanister();
  await net.createCanister({ specifiedId: LLM_ID });
  await net.install(
    queueId,
    ensureWasm('queue'),
    encodeInit.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister), llm: LLM_ID }),
  );
  const init = { Init: { governance: p(ROLES.governance), queue: queueId, params: [] } };
  await net.install(LLM_ID, ensureWasm('llm'), new Uint8Array(IDL.encode(initArgs(IDL), [init])));
  const pushed = await actor(net, queueId, queueIdl, ROLES.registryCanister).apply_membership({
    epoch: 1n,
    snapshot: [{ from: 1n, to: 1n }],
    skip: [],
    updates: [{ seq: 1n, worker, contributor: p(ROLES.contributor), active: true }],
  });
  expect(pushed).toMatchObject({ Ok: { seq: 1n } });
  return { net, queueId };
}

/** The worker leases the one queued job, checks its prompt and completes it with `output`. */
export async function serveOne(worker: Actor, prompt: string, output: string): Promise<void> {
  const leased = (await worker.lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
  expect(leased.Ok).toHaveLength(1);
  const lease = leased.Ok[0]!;
  expect(lease.messages.map((m) => m.content)).toEqual([prompt]);
  const done = { job_id: lease.job_id, token: lease.token, output, tokens_in: 3, tokens_out: 5, tool_calls: [] };
  expect(await worker.complete(done)).toEqual({ Ok: null });
}
