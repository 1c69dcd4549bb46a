import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { HttpAgent, pollForResponse } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { idlFactory as llmIdl, type LlmMetrics } from '../../canisters/llm/interface.ts';
import { idlFactory as queueIdl } from '../../canisters/queue/interface.ts';
import { ROLES } from '../../canisters/shared/testing/roles.ts';
import { LOST_IN_RESTART } from '../src/call-state.ts';
import { LocalNetHttpServer } from '../src/http/server.ts';
import { LocalNet, type LocalNetOptions } from '../src/localnet.ts';
import { loadSnapshot, saveSnapshot } from '../src/snapshot.ts';
import { actor, chat, deployLlmAndQueue, LLM_ID, p, serveOne } from '../../canisters/llm/testing/llm-and-queue.ts';

/**
 * A save and restart while the llm canister holds a v0_chat open (polling the queue each round through
 * inter-canister calls): the restored network keeps the call context, its callback and its next poll, so the
 * held call completes when a worker answers after the restart, through the state directory's files.
 */
const OPTIONS: LocalNetOptions = { startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000, roundMs: 20 };

describe('a held call across a localnet save and restart', () => {
  let net: LocalNet;
  let queueId: Principal;
  const dirs: string[] = [];
  const nets: LocalNet[] = [];
  const servers: LocalNetHttpServer[] = [];
  /** The queue and the llm canister at its IC id, with one active worker. */
  async function deploy(options: LocalNetOptions): Promise<LocalNet> {
    const deployed = await deployLlmAndQueue(options);
    nets.push(deployed.net);
    queueId = deployed.queueId;
    return deployed.net;
  }
  const worker = (on: LocalNet) => actor(on, queueId, queueIdl, ROLES.worker);

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
    await serveOne(worker(resumed), 'still there?', output);

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
    await serveOne(worker(resumed), 'over http', 'answered over http');
    const after = await HttpAgent.create({ host: restarted.url, identity: user, shouldFetchRootKey: true });
    const polled = await pollForResponse(after, LLM_ID, requestId);
    expect(IDL.decode([IDL.Text], polled.reply)).toEqual(['answered over http']);
  });
});
