import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import { encodeInit as encode, encodeUpgrade } from '../../test/support/deploy.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { ROLES } from '../shared/testing/roles.ts';
import { DEFAULT_PARAMS } from './domain/params.ts';
import { idlFactory, queueTypes, type Job, type Lease, type QueueMetrics, type WorkerStats } from './interface.ts';

/**
 * The built queue wasm on localnet: Candid decoding, the expiry timer (also after an upgrade),
 * governance traps, stable memory across an upgrade, and /metrics over http_request.
 */
const p = (text: string) => Principal.fromText(text);
type Actor = Record<string, (...args: unknown[]) => Promise<any>>;

const encodeInit = () => encode.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister) });

const submitArgs = {
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content: 'hi', tool_calls: [], tool_call_id: [] }],
  tools: [],
  max_tokens: 16,
  temperature: [0.5],
  seed: [],
};

const oldSubmit = { ...submitArgs, messages: [{ role: { User: null }, content: 'hi' }], temperature: [] };

/** The queue's methods as clients built before tools declared them. */
const oldQueueFactory = ({ IDL: I }: { IDL: typeof IDL }) => {
  const Message = I.Record({
    role: I.Variant({ System: I.Null, User: I.Null, Assistant: I.Null }),
    content: I.Text,
  });
  const Err = I.Variant({ InvalidInput: I.Text, NotFound: I.Text, Conflict: I.Text, Unauthorized: I.Text });
  const result = (ok: IDL.Type) => I.Variant({ Ok: ok, Err });
  const Lease = I.Record({
    job_id: I.Nat64,
    token: I.Nat64,
    deadline: I.Nat64,
    attempt: I.Nat32,
    model: I.Text,
    messages: I.Vec(Message),
    max_tokens: I.Nat32,
    temperature: I.Opt(I.Float32),
    seed: I.Opt(I.Nat32),
  });
  const Completed = I.Record({ output: I.Text, tokens_in: I.Nat32, tokens_out: I.Nat32 });
  const Job = I.Record({ id: I.Nat64, status: I.Variant({ Completed, Queued: I.Null, Leased: I.Null }) });
  return I.Service({
    submit: I.Func(
      [
        I.Record({
          model: I.Text,
          messages: I.Vec(Message),
          max_tokens: I.Nat32,
          temperature: I.Opt(I.Float32),
          seed: I.Opt(I.Nat32),
        }),
      ],
      [result(I.Nat64)],
      [],
    ),
    lease: I.Func([I.Record({ models: I.Vec(I.Text), max_jobs: I.Nat32 })], [result(I.Vec(Lease))], []),
    complete: I.Func(
      [I.Record({ job_id: I.Nat64, token: I.Nat64, output: I.Text, tokens_in: I.Nat32, tokens_out: I.Nat32 })],
      [result(I.Null)],
      [],
    ),
    get_job: I.Func([I.Nat64], [result(Job)], ['query']),
  });
};

describe('queue canister on localnet', () => {
  let net: LocalNet;
  let id: Principal;
  let wasm: Uint8Array;
  const as = (caller: string): Actor => net.actor<Actor>(id, idlFactory as never, { caller: p(caller) });

  beforeAll(async () => {
    wasm = ensureWasm('queue');
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000 });
    id = await net.createCanister();
    await net.install(id, wasm, encodeInit());
    // The registry's first push: a snapshot of epoch 1 naming the one worker key.
    const pushed = await as(ROLES.registryCanister).apply_membership({
      epoch: 1n,
      snapshot: [{ from: 1n, to: 1n }],
      skip: [],
      updates: [{ seq: 1n, worker: p(ROLES.worker), contributor: p(ROLES.contributor), active: true }],
    });
    expect(pushed).toEqual({ Ok: { epoch: 1n, seq: 1n, snapshot_needed: false } });
  });
  afterAll(() => net?.close());

  it('runs a job from submit through lease and complete to the submitter', async () => {
    const submitted = (await as(ROLES.stranger).submit(submitArgs)) as { Ok: bigint };
    const leased = (await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 4 })) as { Ok: Lease[] };
    expect(leased.Ok).toHaveLength(1);
    expect(leased.Ok[0]).toMatchObject({ job_id: submitted.Ok, attempt: 1, temperature: [0.5], seed: [] });
    const done = {
      job_id: submitted.Ok,
      token: leased.Ok[0]!.token,
      output: 'hello',
      tokens_in: 2,
      tokens_out: 1,
      tool_calls: [],
    };
    expect(await as(ROLES.worker).complete(done)).toEqual({ Ok: null });
    expect(await as(ROLES.worker).complete(done)).toEqual({ Ok: null });
    const job = (await as(ROLES.stranger).get_job(submitted.Ok)) as { Ok: Job };
    expect(job.Ok.status).toEqual({
      Completed: {
        output: 'hello',
        tokens_in: 2,
        tokens_out: 1,
        tool_calls: [],
        worker: p(ROLES.worker),
        completed_at: expect.any(BigInt),
      },
    });
    expect(await as(ROLES.contributor).get_job(submitted.Ok)).toEqual({ Err: { NotFound: expect.any(String) } });
    const [stats] = (await as(ROLES.stranger).get_worker(p(ROLES.worker))) as [WorkerStats];
    expect(stats.completed).toBe(1n);
  });

  it('carries tools from submit through the lease, and tool calls from complete to get_job', async () => {
    const tool = {
      name: 'get_weather',
      description: ['Current weather of a city'],
      parameters: ['{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}'],
    };
    const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Zug"}' };
    const messages = [
      { role: { User: null }, content: 'weather?', tool_calls: [], tool_call_id: [] },
      { role: { Assistant: null }, content: '', tool_calls: [[{ ...call, id: 'call_0' }]], tool_call_id: [] },
      { role: { Tool: null }, content: 'rain', tool_calls: [], tool_call_id: ['call_0'] },
    ];
    const submitted = await as(ROLES.stranger).submit({ ...submitArgs, messages, tools: [[tool]] });
    const [lease] = ((await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] }).Ok;
    expect(lease).toMatchObject({ job_id: submitted.Ok, tools: [[tool]], messages });
    const done = { job_id: submitted.Ok, token: lease!.token, output: '', tokens_in: 9, tokens_out: 4 };
    const unknown = { ...done, tool_calls: [[{ ...call, name: 'launch' }]] };
    expect(await as(ROLES.worker).complete(unknown)).toEqual({
      Err: { InvalidInput: expect.stringMatching(/launch/) },
    });
    expect(await as(ROLES.worker).complete({ ...done, tool_calls: [[call]] })).toEqual({ Ok: null });
    const job = (await as(ROLES.stranger).get_job(submitted.Ok)) as { Ok: Job };
    expect(job.Ok.status).toMatchObject({ Completed: { output: '', tool_calls: [[call]] } });
  });

  it('clients built before tools still submit, lease and complete (Candid subtyping)', async () => {
    const old = net.actor<Actor>(id, oldQueueFactory as never, { caller: p(ROLES.stranger) });
    const oldWorker = net.actor<Actor>(id, oldQueueFactory as never, { caller: p(ROLES.worker) });
    const submitted = (await old.submit(oldSubmit)) as { Ok: bigint };
    const [lease] = ((await oldWorker.lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] }).Ok;
    expect(lease).toEqual({
      job_id: submitted.Ok,
      token: expect.any(BigInt),
      deadline: expect.any(BigInt),
      attempt: 1,
      model: 'tiny-chat',
      messages: oldSubmit.messages,
      max_tokens: 16,
      temperature: [],
      seed: [],
    });
    const done = { job_id: submitted.Ok, token: lease!.token, output: 'old', tokens_in: 1, tokens_out: 1 };
    expect(await oldWorker.complete(done)).toEqual({ Ok: null });
    expect(((await old.get_job(submitted.Ok)) as { Ok: Job }).Ok.status).toMatchObject({
      Completed: { output: 'old' },
    });
  });

  it('queued_count reads the per-model index; complete_and_lease completes and leases the next job in one call', async () => {
    const first = (await as(ROLES.stranger).submit(submitArgs)) as { Ok: bigint };
    const second = (await as(ROLES.contributor).submit(submitArgs)) as { Ok: bigint };
    expect(await as(ROLES.anonymous).queued_count(['tiny-chat', 'tiny-chat', 'nope'])).toBe(2n);
    const [lease] = ((await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] }).Ok;
    expect(lease!.job_id).toBe(first.Ok);
    expect(await as(ROLES.anonymous).queued_count(['tiny-chat'])).toBe(1n);
    const done = { job_id: first.Ok, token: lease!.token, output: 'one', tokens_in: 1, tokens_out: 1, tool_calls: [] };
    const both = await as(ROLES.worker).complete_and_lease(done, { models: ['tiny-chat'], max_jobs: 4 });
    expect(both.complete).toEqual({ Ok: null });
    expect(both.lease.Ok.map((l: Lease) => l.job_id)).toEqual([second.Ok]);
    // A refused completion (stale token) does not stop the lease half.
    const third = (await as(ROLES.stranger).submit(submitArgs)) as { Ok: bigint };
    const again = await as(ROLES.worker).complete_and_lease(
      { ...done, job_id: second.Ok, token: 0n },
      { models: ['tiny-chat'], max_jobs: 1 },
    );
    expect(again.complete).toEqual({ Err: { Conflict: expect.any(String) } });
    expect(again.lease.Ok.map((l: Lease) => l.job_id)).toEqual([third.Ok]);
    await expect(as(ROLES.anonymous).queued_count(Array.from({ length: 33 }, (_, i) => `m${i}`))).rejects.toThrow(
      /at most|limit is 32/,
    );
    // Leave nothing leased for the tests below.
    for (const [job_id, token] of [
      [second.Ok, both.lease.Ok[0].token],
      [third.Ok, again.lease.Ok[0].token],
    ])
      expect(
        await as(ROLES.worker).complete({ job_id, token, output: '', tokens_in: 0, tokens_out: 0, tool_calls: [] }),
      ).toEqual({
        Ok: null,
      });
  });

  it('the timer returns an expired lease to the queue, also after an upgrade', async () => {
    const submitted = (await as(ROLES.stranger).submit(submitArgs)) as { Ok: bigint };
    await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 });
    await net.advanceTime(66_000);
    let job = (await as(ROLES.stranger).get_job(submitted.Ok)) as { Ok: Job };
    expect(job.Ok).toMatchObject({ status: { Queued: null }, attempts: 1 });

    const before = (await as(ROLES.stranger).metrics()) as QueueMetrics;
    await net.install(id, wasm, encodeUpgrade.queue(), { mode: 'upgrade' });
    expect(await as(ROLES.stranger).metrics()).toEqual(before);
    await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 });
    await net.advanceTime(66_000);
    job = (await as(ROLES.stranger).get_job(submitted.Ok)) as { Ok: Job };
    expect(job.Ok).toMatchObject({ status: { Queued: null }, attempts: 2 });
    const [stats] = (await as(ROLES.stranger).get_worker(p(ROLES.worker))) as [WorkerStats];
    expect(stats.expired_leases).toBe(2n);
  });

  it('set_params: inspect_message drops others, governance traps on bad params and applies good ones', async () => {
    const bad = { ...DEFAULT_PARAMS, max_attempts: 0 };
    expect(await as(ROLES.stranger).validate_set_params(bad)).toEqual({ Err: expect.stringMatching(/^InvalidInput/) });
    await expect(as(ROLES.stranger).set_params(bad)).rejects.toThrow(/IC0406/);
    await expect(as(ROLES.governance).set_params(bad)).rejects.toBeInstanceOf(CallRejectedError);
    expect(await as(ROLES.stranger).get_params()).toEqual(DEFAULT_PARAMS);
    expect(await as(ROLES.governance).set_params({ ...DEFAULT_PARAMS, max_attempts: 5 })).toEqual({ Ok: null });
    expect(((await as(ROLES.stranger).get_params()) as typeof DEFAULT_PARAMS).max_attempts).toBe(5);
  });

  it('inspect_message drops ingress the methods would refuse, before decoding it', async () => {
    const refused = async (caller: string, method: string, arg: Uint8Array) => {
      const result = await net.update(id, method, arg, { caller: p(caller) });
      expect(result).toMatchObject({ reject: { errorCode: 'IC0406' } });
    };
    const encode = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));
    const T = queueTypes(IDL);
    await refused(ROLES.anonymous, 'submit', encode([T.SubmitArgs], [submitArgs]));
    await refused(ROLES.stranger, 'lease', encode([T.LeaseArgs], [{ models: ['tiny-chat'], max_jobs: 1 }]));
    await refused(ROLES.stranger, 'set_params', encode([T.QueueParams], [DEFAULT_PARAMS]));
    // 1.9 MB of text where a nat64 is expected, and 10^9 nulls in 14 bytes: refused unread.
    await refused(ROLES.stranger, 'cancel', encode([IDL.Text], ['x'.repeat(1_900_000)]));
    const bomb = Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0x01, 0x6d, 0x7f, 0x01, 0x00, 0x80, 0x80, 0x94, 0xeb, 0x03]);
    await refused(ROLES.stranger, 'cancel', bomb);
    // The worker key and signed-in submitters still get through.
    expect(await as(ROLES.stranger).submit(submitArgs)).toEqual({ Ok: expect.any(BigInt) });
    expect(await as(ROLES.worker).heartbeat({ models: ['tiny-chat'], version: 't', in_flight: 0 })).toEqual({
      Ok: null,
    });
  });

  it('list_workers answers InvalidInput for a page out of range instead of trapping', async () => {
    const list = (offset: bigint, limit: bigint) => as(ROLES.anonymous).list_workers({ offset, limit });
    expect(await list(2n ** 64n - 1n, 1n)).toEqual({ Err: { InvalidInput: expect.stringContaining('offset') } });
    expect(await list(0n, 101n)).toEqual({ Err: { InvalidInput: expect.stringContaining('limit') } });
    expect(await list(0n, 0n)).toMatchObject({ Ok: { total: 1n } });
  });

  it('serves Prometheus text at /metrics and 404 elsewhere', async () => {
    const request = (url: string) => ({
      method: 'GET',
      url,
      headers: [],
      body: new Uint8Array(),
      certificate_version: [],
    });
    const ok = (await as(ROLES.anonymous).http_request(request('/metrics'))) as {
      status_code: number;
      body: Uint8Array;
    };
    expect(ok.status_code).toBe(200);
    const text = new TextDecoder().decode(new Uint8Array(ok.body));
    expect(text).toContain('# TYPE gatehouse_queue_jobs gauge');
    expect(text).toContain(`gatehouse_queue_worker_completed_total{worker="${ROLES.worker}"} 6`);
    expect(((await as(ROLES.anonymous).http_request(request('/nope'))) as { status_code: number }).status_code).toBe(
      404,
    );
  });

  it('get_worker gives p50/p95 latency; list_recent_workers lists the newest worker first', async () => {
    const before = (await as(ROLES.anonymous).get_worker(p(ROLES.worker))) as [WorkerStats];
    for (const ms of [400, 400, 400, 5_000]) {
      expect(await as(ROLES.stranger).submit(submitArgs)).toMatchObject({ Ok: expect.any(BigInt) });
      const [lease] = ((await as(ROLES.worker).lease({ models: ['tiny-chat'], max_jobs: 1 })) as { Ok: Lease[] }).Ok;
      await net.advanceTime(ms);
      const done = {
        job_id: lease!.job_id,
        token: lease!.token,
        output: 'x',
        tokens_in: 1,
        tokens_out: 1,
        tool_calls: [],
      };
      expect(await as(ROLES.worker).complete(done)).toEqual({ Ok: null });
    }
    const [stats] = (await as(ROLES.anonymous).get_worker(p(ROLES.worker))) as [WorkerStats];
    expect(stats.completed).toBe(before[0].completed + 4n);
    // Earlier tests completed jobs at 0 ms; the quantiles sit in the buckets of 400 ms (±9 %) and 5 s.
    const [p50] = stats.latency_ms_p50;
    const [p95] = stats.latency_ms_p95;
    expect(p50).toBeDefined();
    expect(Number(p95)).toBeGreaterThan(4_500);
    expect(Number(p95)).toBeLessThanOrEqual(Number(stats.latency_ms_max));

    const second = ROLES.nodeProvider;
    expect(
      await as(ROLES.registryCanister).apply_membership({
        epoch: 1n,
        snapshot: [],
        skip: [],
        updates: [{ seq: 2n, worker: p(second), contributor: p(ROLES.contributor), active: true }],
      }),
    ).toMatchObject({ Ok: { seq: 2n } });
    const recent = (await as(ROLES.anonymous).list_recent_workers({ offset: 0n, limit: 0n })) as {
      Ok: { items: WorkerStats[]; total: bigint };
    };
    expect(recent.Ok.total).toBe(2n);
    expect(recent.Ok.items.map((w) => w.worker.toText())).toEqual([second, ROLES.worker]);
  });
});
