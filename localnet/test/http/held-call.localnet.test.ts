/**
 * A call held open across rounds over the HTTP interface (the llm canister's v0_chat, polling the queue by
 * inter-canister calls until a worker completes its job): its round ends once it has executed, as on the IC
 * (interface spec, "Overview of canister calling": the call is `processing` while it takes its further steps),
 * so the calls arriving meanwhile run in their own rounds, and its answer is certified by the round that
 * produced it.
 */
import { Actor, HttpAgent, type Identity } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { idlFactory as llmIdl, type LlmMetrics } from '../../../canisters/llm/interface.ts';
import { idlFactory as queueIdl, type Lease } from '../../../canisters/queue/interface.ts';
import { ROLES } from '../../../canisters/shared/testing/roles.ts';
import { LocalNetHttpServer } from '../../src/http/server.ts';
import type { LocalNet } from '../../src/localnet.ts';
import {
  actor,
  deployLlmAndQueue,
  LLM_ID,
  type Actor as Service,
} from '../../../canisters/llm/testing/llm-and-queue.ts';

describe('a held call over HTTP', () => {
  let net: LocalNet | undefined;
  let server: LocalNetHttpServer | undefined;
  afterAll(async () => {
    await server?.close();
    await net?.close();
  });

  it('keeps no call out of its rounds, and is answered in the round of the completion', async () => {
    const workerKey = Ed25519KeyIdentity.generate();
    // The agents sign with the machine's clock: the network starts there (and stands still, realTime off).
    const deployed = await deployLlmAndQueue({ startTimeMs: Date.now(), roundMs: 20 }, workerKey.getPrincipal());
    net = deployed.net;
    // No round may end by its wait running out, nor a call by the sync timeout: only execution ends a round.
    server = await LocalNetHttpServer.start(net, {
      port: 0,
      realTime: false,
      roundMaxWaitMs: 600_000,
      syncCallTimeoutMs: 600_000,
    });
    const client = async (identity: Identity, idl: unknown, canisterId: typeof LLM_ID) =>
      Actor.createActor<Service>(idl as never, {
        agent: await HttpAgent.create({ host: server!.url, identity, shouldFetchRootKey: true }),
        canisterId,
      });
    const llm = await client(Ed25519KeyIdentity.generate(), llmIdl, LLM_ID);
    const worker = await client(workerKey, queueIdl, deployed.queueId);
    const held = async () => ((await actor(net!, LLM_ID, llmIdl, ROLES.anonymous).metrics()) as LlmMetrics).held;

    const answer = llm.v0_chat({ model: 'llama3.1:8b', messages: [{ role: { user: null }, content: 'hello?' }] });
    await vi.waitFor(async () => expect(await held()).toBe(1n), { timeout: 30_000, interval: 20 });
    // The held call's round is over although it is unanswered: the worker's lease gets a round of its own.
    const leased = (await worker.lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
    expect(leased.Ok).toHaveLength(1);
    expect(await held()).toBe(1n);

    const lease = leased.Ok[0]!;
    const certified = server.certifications;
    const done = {
      job_id: lease.job_id,
      token: lease.token,
      output: 'hi',
      tokens_in: 1,
      tokens_out: 1,
      tool_calls: [],
    };
    expect(await worker.complete(done)).toEqual({ Ok: null });
    expect(await answer).toBe('hi');
    // The completion's round ran the held call's next poll, which answered it: one certification carries both.
    expect(server.certifications - certified).toBe(1);
  });
});
