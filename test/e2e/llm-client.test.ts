/**
 * Outside clients of the llm canister, end to end: a canister written with the unmodified `@dfinity/llm` npm
 * package (examples/llm-client), and the official `icp` CLI calling v0_chat, both over localnet's IC HTTP
 * interface, answered by a real worker (node-llama-cpp on the tiny model) through the queue.
 */
import { IDL } from '@dfinity/candid';
import { LlmCanister } from '@gatehouse/clients';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { llmClientWasm } from '../../examples/llm-client/build.ts';
import { Icp } from '../../localnet/test/icp-cli/icp.ts';
import { writePem } from '../../proposals/test/support.ts';
import { waitFor } from '../../worker/test/worker-process.ts';
import { okOf } from '../support/args.ts';
import { servedGatehouse, type ServedGatehouse } from '../support/served.ts';

const user = Ed25519KeyIdentity.generate();
let served: ServedGatehouse;
let example: Principal;

interface Example {
  prompt(prompt: string): Promise<string>;
  chat(system: string, user: string): Promise<string>;
}
const exampleIdl = ({ IDL: I }: { IDL: typeof IDL }) =>
  I.Service({
    prompt: I.Func([I.Text], [I.Text], []),
    chat: I.Func([I.Text, I.Text], [I.Text], []),
  });

async function agent(): Promise<HttpAgent> {
  return HttpAgent.create({ host: served.server.url, identity: user, shouldFetchRootKey: true });
}
const metrics = async () => LlmCanister.create({ agent: await agent(), canisterId: served.g.ids.llm! }).metrics();

beforeAll(async () => {
  const wasm = llmClientWasm();
  served = await servedGatehouse('llm-e2e-', { llm: true });
  example = await served.g.net.createCanister();
  await served.g.net.install(example, await wasm);
}, 420_000);

afterAll(() => served?.close());

describe('outside clients of the llm canister', () => {
  it('a canister using @dfinity/llm gets the worker’s answers from llm.prompt and llm.chat(...).send()', async () => {
    const actor = Actor.createActor<Example>(exampleIdl as never, { agent: await agent(), canisterId: example });
    const answer = await actor.prompt('what is a gatehouse?');
    expect(answer.length).toBeGreaterThan(0);
    const chatted = await actor.chat('You are brief.', 'Say hello.');
    expect(chatted.length).toBeGreaterThan(0);
    // Both came from the real worker: it completed two jobs, and the llm canister replied twice.
    await waitFor('the worker to log two completed jobs', () => served.worker.jobs('completed').length === 2);
    expect(await metrics()).toMatchObject({ chats_v1: 2n, replied: 2n, held: 0n });
    // The jobs were the example canister's own (the queue's per-submitter limits apply to it).
    const [stats] = okOf(await served.g.queue().list_workers({ offset: 0n, limit: 10n })).items;
    expect(stats?.completed).toBe(2n);
  }, 240_000);

  it('the icp CLI calls v0_chat at the well-known id and prints the worker’s answer', async () => {
    const icp = new Icp(served.server.url);
    const imported = await icp.raw([
      'identity',
      'import',
      '--storage',
      'plaintext',
      '--from-pem',
      writePem(served.dir, 'user', user),
      'user',
    ]);
    expect(imported.code).toBe(0);
    const request =
      '(record { model = "llama3.1:8b"; messages = vec { record { role = variant { user }; content = "hi" } } })';
    const out = await icp.ok(['canister', 'call', 'w36hm-eqaaa-aaaal-qr76a-cai', 'v0_chat', request], 'user');
    expect(out).toMatch(/^\(\s*"[^"]+",?\s*\)\s*$/);
    await waitFor('the worker to log a third completed job', () => served.worker.jobs('completed').length === 3);
    expect((await metrics()).chats_v0).toBe(1n);
  }, 240_000);
});
