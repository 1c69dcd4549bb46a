import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { HttpAgent, pollForResponse } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { idlFactory as llmIdl, initArgs, llmTypes, type LlmMetrics } from '../../canisters/llm/interface.ts';
import { idlFactory as queueIdl, type Lease } from '../../canisters/queue/interface.ts';
import { ROLES } from '../../canisters/shared/testing/roles.ts';
import { encodeInit } from '../../test/support/deploy.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { LOST_IN_RESTART } from '../src/call-state.ts';
import { LocalNetHttpServer } from '../src/http/server.ts';
import { LocalNet, type LocalNetOptions } from '../src/localnet.ts';
import { loadSnapshot, saveSnapshot } from '../src/snapshot.ts';

/**
 * A save and restart while the llm canister holds a v0_chat open (polling the queue each round through
 * inter-canister calls): the restored network keeps the call context, its callback and its next poll, so the
 * held call completes when a worker answers after the restart, through the state directory's files.
 */
const p = (text: string) => Principal.fromText(text);
type Actor = Record<string, (...args: unknown[]) => Promise<any>>;
const LLM_ID = p('w36hm-eqaaa-aaaal-qr76a-cai');
const OPTIONS: LocalNetOptions = { startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000, roundMs: 20 };
const types = llmTypes(IDL);
const chat = (content: string) =>
  new Uint8Array(
    IDL.encode([types.chat_request_v0], [{ model: 'llama3.1:8b', messages: [{ role: { user: null }, content }] }]),
  );

describe('a held call across a localnet save and restart', () => {
  let net: LocalNet;
  let queueId: Principal;
  const dirs: string[] = [];
  const nets: LocalNet[] = [];
  const servers: LocalNetHttpServer[] = [];
  const actor = (on: LocalNet, id: Principal, idl: unknown, caller: string) =>
    on.actor<Actor>(id, idl as never, { caller: p(caller) });

  /** The queue and the llm canister at its IC id, with one active worker. */
  async function deploy(options: LocalNetOptions): Promise<LocalNet> {
    const on = await LocalNet.start(options);
    nets.push(on);
    queueId = await on.createCanister();
    await on.createCanister({ specifiedId: LLM_ID });
    await on.install(
      queueId,
      ensureWasm('queue'),
      encodeInit.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister), llm: LLM_ID }),
    );
    const init = { Init: { governance: p(ROLES.governance), queue: queueId, params: [] } };
    await on.install(LLM_ID, ensureWasm('llm'), new Uint8Array(IDL.encode(initArgs(IDL), [init])));
    const pushed = await actor(on, queueId, queueIdl, ROLES.registryCanister).apply_membership({
      epoch: 1n,
      snapshot: [{ from: 1n, to: 1n }],
      skip: [],
      updates: [{ seq: 1n, worker: p(ROLES.worker), contributor: p(ROLES.contributor), active: true }],
    });
    expect(pushed).toMatchObject({ Ok: { seq: 1n } });
    return on;
  }

  /** The worker leases the one queued job, checks its prompt and completes it with `output`. */
  async function serveOne(on: LocalNet, prompt: string, output: string): Promise<void> {
    const worker = actor(on, queueId, queueIdl, ROLES.worker);
    const leased = (await worker.lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
    expect(leased.Ok).toHaveLength(1);
    const lease = leased.Ok[0]!;
    expect(lease.messages.map((m) => m.content)).toEqual([prompt]);
    const done = { job_id: lease.job_id, token: lease.token, output, tokens_in: 3, tokens_out: 5, tool_calls: [] };
    expect(await worker.complete(done)).toEqual({ Ok: null });
  }

  const held = async (on: LocalNet) =>
    ((await actor(on, LLM_ID, llmIdl, ROLES.anonymous).metrics()) as LlmMetrics).held;

  beforeAll(async () => {
    net = await deploy(OPTIONS);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(nets.map((n) => n.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The network as its state directory holds it, resumed in a new LocalNet (the old one is closed). */
  async function restart(from: LocalNet, options = OPTIONS): Promise<LocalNet> {
    const dir = mkdtempSync(join(tmpdir(), 'localnet-held-call-'));
    dirs.push(dir);
    await saveSnapshot(dir, await from.exportState());
    await from.close();
    const resumed = await LocalNet.start({ ...options, restore: loadSnapshot(dir)!.snapshot });
    nets.push(resumed);
    return resumed;
  }

  it('completes with the worker answer given after the restart, and the llm canister settles it', async () => {
    const submitted = await net.ingress(LLM_ID, 'v0_chat', chat('still there?'), {
      caller: p(ROLES.stranger),
      key: 'request-1',
    });
    expect(submitted).toHaveProperty('result');
    await net.tick(); // the job is submitted and the first poll has answered "not yet"
    expect(await held(net)).toBe(1n);

    const resumed = await restart(net);
    const answer = resumed.resumedIngress().get('request-1');
    expect(answer).toBeDefined();
    const output = 'yes, after the restart';
    await serveOne(resumed, 'still there?', output);

    const result = await answer!;
    if (!('reply' in result)) throw new Error(`the held call was rejected: ${result.reject.message}`);
    expect(IDL.decode([IDL.Text], result.reply)).toEqual([output]);
    const m = (await actor(resumed, LLM_ID, llmIdl, ROLES.anonymous).metrics()) as LlmMetrics;
    expect(m).toMatchObject({ held: 0n, replied: 1n });
  });

  it('answers a callback whose response cannot come any more with a reject instead of leaving it waiting', async () => {
    const before = nets.at(-1)!;
    const submitted = await before.ingress(LLM_ID, 'v0_chat', chat('lost?'), {
      caller: p(ROLES.stranger),
      key: 'request-2',
    });
    expect(submitted).toHaveProperty('result');
    await before.tick();
    // A save whose held poll is gone (as a call to the management canister's stop_canister would be): the llm
    // canister's callback for it gets the reject on restore and its own code decides what the caller hears.
    const saved = await before.exportState();
    const dir = mkdtempSync(join(tmpdir(), 'localnet-held-call-'));
    dirs.push(dir);
    await saveSnapshot(dir, { ...saved, calls: { ...saved.calls!, messages: [] } });
    await before.close();
    const resumed = await LocalNet.start({ ...OPTIONS, restore: loadSnapshot(dir)!.snapshot });
    nets.push(resumed);
    await resumed.tick();
    const result = await resumed.resumedIngress().get('request-2')!;
    expect(result).toHaveProperty('reject');
    if ('reject' in result) expect(result.reject.message).toContain(LOST_IN_RESTART);
    expect(await held(resumed)).toBe(0n);
  });

  it('over HTTP: an agent polling the held call by its request id gets the answer from the restarted server', async () => {
    const options = { ...OPTIONS, startTimeMs: Date.now() }; // the server runs in real time
    const before = await deploy(options);
    const server = await LocalNetHttpServer.start(before, { port: 0 });
    servers.push(server);
    const user = Ed25519KeyIdentity.generate();
    const agent = await HttpAgent.create({ host: server.url, identity: user, shouldFetchRootKey: true });
    const { requestId } = await agent.call(LLM_ID, {
      methodName: 'v0_chat',
      arg: chat('over http'),
      effectiveCanisterId: LLM_ID,
      callSync: false,
    });
    await before.tick();
    expect(await held(before)).toBe(1n);
    await server.close();

    const resumed = await restart(before, options);
    const restarted = await LocalNetHttpServer.start(resumed, { port: 0, keys: server.keys });
    servers.push(restarted);
    await serveOne(resumed, 'over http', 'answered over http');
    const after = await HttpAgent.create({ host: restarted.url, identity: user, shouldFetchRootKey: true });
    const polled = await pollForResponse(after, LLM_ID, requestId);
    expect(IDL.decode([IDL.Text], polled.reply)).toEqual(['answered over http']);
  });
});
