import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import { deployLlmAndQueue, LLM_ID, p, type Actor } from './testing/llm-and-queue.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { ROLES } from '../shared/testing/roles.ts';
import { idlFactory as queueIdl, type Job, type Lease } from '../queue/interface.ts';
import { DEFAULT_PARAMS } from './domain/params.ts';
import { idlFactory, initArgs, libraryRequestV1, llmTypes, type LlmMetrics, type LlmParams } from './interface.ts';

/**
 * The llm canister on real wasm, at the IC LLM canister's id, relaying to a real queue: held calls answered
 * when a worker completes, per-caller jobs, the timeout, failures, anonymous callers, /metrics, governance.
 */
const SECOND_MS = 1000;

describe('llm canister on localnet', () => {
  let net: LocalNet;
  let queueId: Principal;
  const llm = (caller: string): Actor => net.actor<Actor>(LLM_ID, idlFactory as never, { caller: p(caller) });
  const queue = (caller: string): Actor => net.actor<Actor>(queueId, queueIdl as never, { caller: p(caller) });
  const metrics = async () => (await llm(ROLES.anonymous).metrics()) as LlmMetrics;

  /** Leases the one queued job as the worker (the held call keeps polling meanwhile). */
  async function leaseOne(): Promise<Lease> {
    const leased = (await queue(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
    expect(leased.Ok).toHaveLength(1);
    return leased.Ok[0]!;
  }
  const complete = (lease: Lease, output: string) =>
    queue(ROLES.worker).complete({
      job_id: lease.job_id,
      token: lease.token,
      output,
      tokens_in: 3,
      tokens_out: 2,
      tool_calls: [],
    });

  beforeAll(async () => {
    ({ net, queueId } = await deployLlmAndQueue({
      startTimeMs: Date.UTC(2026, 0, 1),
      messageTimeoutMs: 20_000,
      roundMs: 20,
    }));
  });
  afterAll(() => net?.close());

  it('holds v0_chat open until a worker completes the job, then replies with its output', async () => {
    const answer = llm(ROLES.stranger).v0_chat({
      model: 'llama3.1:8b',
      messages: [
        { role: { system: null }, content: 'be brief' },
        { role: { user: null }, content: 'what is a gatehouse?' },
      ],
    });
    const lease = await leaseOne();
    expect(lease.model).toBe('tiny-chat');
    expect(lease.messages.map((m) => [Object.keys(m.role)[0], m.content])).toEqual([
      ['System', 'be brief'],
      ['User', 'what is a gatehouse?'],
    ]);
    expect(lease.max_tokens).toBe(DEFAULT_PARAMS.max_tokens);
    // The job is the original caller's (their pending cap, their lane), not the llm canister's.
    const job = (await queue(ROLES.stranger).get_job(lease.job_id)) as { Ok: Job };
    expect(job.Ok.submitter.toText()).toBe(ROLES.stranger);
    expect((await metrics()).held).toBe(1n);
    expect(await complete(lease, 'a gate with a house')).toEqual({ Ok: null });
    await expect(answer).resolves.toBe('a gate with a house');
    const m = await metrics();
    expect(m).toMatchObject({ chats_v0: 1n, replied: 1n, held: 0n });
    expect(m.polls).toBeGreaterThanOrEqual(1n);
  });

  it('answers v1_chat with the assistant message; a @dfinity/llm-shaped request decodes too', async () => {
    const answer = llm(ROLES.stranger).v1_chat({
      model: 'qwen3:32b',
      messages: [{ user: { content: 'hi' } }],
      tools: [],
    });
    await complete(await leaseOne(), 'hello');
    await expect(answer).resolves.toEqual({ message: { content: ['hello'], tool_calls: [] } });

    // The request exactly as @dfinity/llm 1.1.1 encodes it (its own Tool record), sent as raw Candid.
    const library = libraryRequestV1(IDL);
    const tool = {
      name: 'get_weather',
      description: [],
      parameters: [[{ name: 'city', type: 'string', description: [], required: [true], enum: [] }]],
    };
    const request = { model: 'llama4-scout', messages: [{ user: { content: 'hey' } }], tools: [[tool]] };
    const raw = net.update(LLM_ID, 'v1_chat', new Uint8Array(IDL.encode([library], [request])), {
      caller: p(ROLES.stranger),
    });
    const lease = await leaseOne();
    expect(lease.tools[0]?.[0]?.parameters).toEqual([
      JSON.stringify({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
    ]);
    await complete(lease, 'hey there');
    const result = await raw;
    const [reply] = IDL.decode(
      [llmTypes(IDL).chat_response_v1],
      new Uint8Array((result as { reply: Uint8Array }).reply),
    );
    expect(reply).toEqual({ message: { content: ['hey there'], tool_calls: [] } });
  });

  it('passes v1_chat tools to the worker as JSON Schema and answers its tool calls as name/value arguments', async () => {
    const answer = llm(ROLES.stranger).v1_chat({
      model: 'llama3.1:8b',
      messages: [{ user: { content: 'weather in Cairo?' } }],
      tools: [
        [
          {
            function: {
              name: 'get_weather',
              description: ['Current weather'],
              parameters: [
                {
                  type: 'object',
                  properties: [[{ type: 'string', name: 'city', description: [], enum: [] }]],
                  required: [['city']],
                },
              ],
            },
          },
        ],
      ],
    });
    const lease = await leaseOne();
    expect(lease.tools).toEqual([
      [
        {
          name: 'get_weather',
          description: ['Current weather'],
          parameters: [
            JSON.stringify({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
          ],
        },
      ],
    ]);
    const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Cairo"}' };
    expect(
      await queue(ROLES.worker).complete({
        job_id: lease.job_id,
        token: lease.token,
        output: '',
        tokens_in: 3,
        tokens_out: 2,
        tool_calls: [[call]],
      }),
    ).toEqual({ Ok: null });
    await expect(answer).resolves.toEqual({
      message: {
        content: [],
        tool_calls: [
          { id: 'call_1', function: { name: 'get_weather', arguments: [{ name: 'city', value: 'Cairo' }] } },
        ],
      },
    });
  });

  it('rejects with a clear message when the job fails, and refuses unknown models and anonymous callers', async () => {
    const answer = llm(ROLES.stranger).v0_chat({
      model: 'llama3.1:8b',
      messages: [{ role: { user: null }, content: 'x' }],
    });
    const lease = await leaseOne();
    await queue(ROLES.worker).fail({
      job_id: lease.job_id,
      token: lease.token,
      reason: 'model crashed',
      retryable: false,
    });
    await expect(answer).rejects.toThrow(/job \d+ failed after 1 attempt\(s\): model crashed/);

    await expect(
      llm(ROLES.stranger).v0_chat({ model: 'gpt-9', messages: [{ role: { user: null }, content: 'x' }] }),
    ).rejects.toThrow(/model "gpt-9" is not served here; served: llama3.1:8b, qwen3:32b, llama4-scout/);
    // Anonymous callers own no jobs: inspect_message drops their chats (and the method refuses them too).
    const anonymous = llm(ROLES.anonymous).v0_chat({ model: 'llama3.1:8b', messages: [] });
    await expect(anonymous).rejects.toBeInstanceOf(CallRejectedError);
    await expect(anonymous).rejects.toThrow(/IC0406/);
  });

  it('on the timeout cancels the job and rejects the held call', async () => {
    const answer = llm(ROLES.stranger).v0_chat({
      model: 'llama3.1:8b',
      messages: [{ role: { user: null }, content: 'slow' }],
    });
    const rejected = expect(answer).rejects.toThrow(/timed out: no worker completed job (\d+)/);
    await net.advanceTime((DEFAULT_PARAMS.timeout_seconds + 1) * SECOND_MS);
    await rejected;
    const leased = (await queue(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] };
    expect(leased.Ok).toEqual([]);
    expect((await metrics()).timeout).toBe(1n);
  });

  it('serves /metrics in Prometheus text', async () => {
    const reply = (await llm(ROLES.anonymous).http_request({
      method: 'GET',
      url: '/metrics',
      headers: [],
      body: new Uint8Array(),
      certificate_version: [],
    })) as { status_code: number; body: Uint8Array };
    expect(reply.status_code).toBe(200);
    const text = new TextDecoder().decode(reply.body);
    expect(text).toMatch(/^gatehouse_llm_chats_total\{version="v0"\} [1-9]/m);
    expect(text).toMatch(/^gatehouse_llm_chat_outcomes_total\{outcome="timeout"\} 1$/m);
    expect(text).toMatch(/^gatehouse_llm_polls_total [1-9]/m);
  });

  it('lets only governance set params, and only from the params it expects', async () => {
    const current = (await llm(ROLES.anonymous).get_params()) as LlmParams;
    const next = { ...current, timeout_seconds: 60 };
    await expect(llm(ROLES.stranger).set_params({ expected: current, params: next })).rejects.toThrow(/IC0406/);
    const validation = (await llm(ROLES.stranger).validate_set_params({ expected: current, params: next })) as {
      Ok: string;
    };
    expect(validation.Ok).toContain('timeout_seconds = 60');
    expect(await llm(ROLES.governance).set_params({ expected: current, params: next })).toEqual({ Ok: null });
    // A second proposal made from the old params can no longer execute: governance sees a rejection.
    await expect(llm(ROLES.governance).set_params({ expected: current, params: next })).rejects.toThrow(
      /changed since/,
    );
    expect(((await llm(ROLES.anonymous).get_params()) as LlmParams).timeout_seconds).toBe(60);
  });

  it('keeps its params and figures across an upgrade that carries no argument', async () => {
    const before = await metrics();
    await net.upgrade(LLM_ID, ensureWasm('llm'), new Uint8Array(IDL.encode([], [])));
    expect(((await llm(ROLES.anonymous).get_params()) as LlmParams).timeout_seconds).toBe(60);
    expect(await metrics()).toMatchObject({ chats_v0: before.chats_v0, replied: before.replied, polls: before.polls });
  });

  it('an upgrade naming another governance hands set_params to it (mainnet: the SNS comes after install)', async () => {
    const sns = p(ROLES.stranger);
    const upgrade = (governance: Principal) =>
      new Uint8Array(IDL.encode(initArgs(IDL), [{ Upgrade: [{ governance: [governance] }] }]));
    await expect(net.upgrade(LLM_ID, ensureWasm('llm'), upgrade(queueId))).rejects.toThrow(/is a Gatehouse canister/);
    await net.upgrade(LLM_ID, ensureWasm('llm'), upgrade(sns));
    const current = (await llm(ROLES.anonymous).get_params()) as LlmParams;
    const next = { ...current, timeout_seconds: 90 };
    // The old governance is a stranger now: inspect_message drops its call.
    await expect(llm(ROLES.governance).set_params({ expected: current, params: next })).rejects.toThrow(
      /did not call ic0.accept_message/,
    );
    expect(await llm(ROLES.stranger).set_params({ expected: current, params: next })).toEqual({ Ok: null });
  });
});
