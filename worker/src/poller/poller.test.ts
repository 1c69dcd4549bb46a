import { describe, expect, it } from 'vitest';
import { FakeClock, settle } from '../../test/fake-clock.ts';
import { instantExecutor, ManualExecutor, success } from '../../test/fake-executor.ts';
import { FakeQueue, makeLease } from '../../test/fake-queue.ts';
import type { InferenceSuccess } from '../inference/index.ts';
import { SHUTDOWN_REASON } from './job.ts';
import { Poller } from './poller.ts';
import type { Lease, QueueParams } from '../queue/client.ts';
import { TRUNCATION_MARK } from './output.ts';
import { DEFAULT_POLLER_OPTIONS, type JobExecutor, type JobReport, type PollerOptions } from './types.ts';

const OPTIONS: PollerOptions = {
  ...DEFAULT_POLLER_OPTIONS,
  models: ['tiny-chat'],
  version: 'test-1',
  pollMinMs: 100,
  pollMaxMs: 1_600,
  heartbeatMs: 10_000,
  extendEveryMs: 20_000,
  extendSeconds: 60,
  shutdownGraceMs: 5_000,
  retryAttempts: 4,
  retryBaseMs: 50,
  retryMaxMs: 400,
};

function setup(
  execute: JobExecutor,
  over: Partial<PollerOptions> = {},
  ready: Array<number | Lease> = [],
  params: Partial<QueueParams> = {},
) {
  const clock = new FakeClock();
  const queue = new FakeQueue();
  queue.params_ = { ...queue.params_, ...params };
  queue.add(...ready.map((i) => (typeof i === 'number' ? makeLease(i) : i)));
  const reports: JobReport[] = [];
  const errors: string[] = [];
  const poller = new Poller(
    { ...OPTIONS, ...over },
    {
      queue,
      clock,
      random: () => 1,
      execute,
      events: { job: (r) => reports.push(r), error: (call, e) => errors.push(`${call}:${e.kind}`) },
    },
  );
  const done = poller.run();
  return { clock, queue, reports, errors, poller, done };
}

/** Sleep durations the poll loop asked for (heartbeat, extend and retry sleeps have other lengths here). */
const pollSleeps = (clock: FakeClock) =>
  clock.sleeps.map(([, ms]) => ms).filter((ms) => ms !== OPTIONS.heartbeatMs && ms !== OPTIONS.extendEveryMs);

describe('Poller: polling', () => {
  it('re-polls at once while jobs keep coming, without sleeping', async () => {
    const { clock, queue, reports, poller, done } = setup(instantExecutor, { concurrency: 2 }, [1, 2, 3, 4, 5]);
    await clock.advance(0);
    expect(queue.completed.map((c) => Number(c.job_id))).toEqual([1, 2, 3, 4, 5]);
    expect(reports.every((r) => r.outcome === 'completed')).toBe(true);
    expect(pollSleeps(clock)).toEqual([100]); // the first empty poll, after the queue ran dry
    expect(clock.now()).toBe(0);
    await poller.stop();
    await done;
  });

  it('while idle asks the queued_count query every idlePollMs and sends no lease until it sees work', async () => {
    const { clock, queue, reports, poller, done } = setup(instantExecutor, { idlePollMs: 100 });
    await clock.advance(1_000);
    expect(queue.count('lease')).toBe(0);
    expect(queue.count('queuedCount')).toBe(11); // at 0, 100, …, 1000 ms
    queue.add(makeLease(1));
    await clock.advance(100);
    // the lease sent on seeing work, and the one its completion carried (finding nothing)
    expect(queue.count('lease')).toBe(2);
    expect(queue.count('completeAndLease')).toBe(1);
    expect(reports.map((r) => r.outcome)).toEqual(['completed']);
    await poller.stop();
    await done;
  });

  it('a completion carries a lease also after a short lease: a job that trickled in costs no poll or lease call', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [1]);
    await clock.advance(0);
    expect(exec.running).toEqual([1]); // asked for 2 (a slot and a prefetch), got 1
    queue.add(makeLease(2));
    const before = queue.calls.length;
    exec.finish(1);
    await clock.advance(0);
    expect(queue.calls.slice(before).map((c) => c.method)).toEqual(['completeAndLease', 'complete', 'lease']);
    expect(exec.running).toEqual([2]);
    exec.finish(2);
    await clock.advance(0);
    await poller.stop();
    await done;
  });

  it('holds `concurrency` running jobs plus a prefetched lease; a completion carries the next lease', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, { concurrency: 3 }, [1, 2, 3, 4, 5, 6]);
    await clock.advance(0);
    // ModelHost runs `concurrency` of these and queues the prefetched one, so a freed slot never waits.
    expect(exec.running).toEqual([1, 2, 3, 4]);
    exec.finish(2);
    await clock.advance(0);
    expect(exec.running).toEqual([1, 3, 4, 5]);
    const combined = queue.calls.filter((c) => c.method === 'completeAndLease');
    expect(combined.map((c) => (c.args as { lease: { max_jobs: number } }).lease.max_jobs)).toEqual([1]);
    expect(queue.count('lease')).toBe(1 + 1); // the first lease, and the one inside completeAndLease
    for (const id of [1, 3, 4, 5]) exec.finish(id);
    await clock.advance(0);
    exec.finish(6);
    await clock.advance(0);
    expect(queue.completed.map((c) => Number(c.job_id)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    await poller.stop();
    await done;
  });

  it('backs off when leasing fails (unreachable network, suspended worker) and when the query fails', async () => {
    const { clock, queue, errors, poller, done } = setup(instantExecutor, {}, [1]);
    queue.failNext('lease', 'network', 'unauthorized', 'unauthorized');
    await clock.advance(100 + 200 + 400);
    expect(errors).toEqual(['lease:network', 'lease:unauthorized', 'lease:unauthorized']);
    expect(pollSleeps(clock).slice(0, 3)).toEqual([100, 200, 400]);
    expect(queue.completed).toHaveLength(1);
    queue.failNext('queuedCount', 'network', 'network');
    const before = queue.count('lease');
    await clock.advance(1_000);
    expect(errors.slice(3)).toEqual(['queued_count:network', 'queued_count:network']);
    expect(queue.count('lease')).toBe(before);
    await poller.stop();
    await done;
  });
});

describe('Poller: reporting', () => {
  it('completes with the lease token and the inference figures', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, {}, [makeLease(7, { attempt: 2 })]);
    await clock.advance(0);
    await clock.advance(1_234);
    const runEnd = clock.now();
    exec.finish(7, success('the answer'));
    await clock.advance(0);
    expect(queue.completed).toEqual([{ job_id: 7n, token: 1007n, output: 'the answer', tokens_in: 5, tokens_out: 3 }]);
    expect(reports).toEqual([
      {
        jobId: 7n,
        model: 'tiny-chat',
        attempt: 2,
        tokensIn: 5,
        tokensOut: 3,
        ms: 1_234,
        runMs: 1,
        runEnd,
        outcome: 'completed',
      },
    ]);
    await poller.stop();
    await done;
  });

  it("completes with the model's tool calls beside its (empty) text", async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [makeLease(8)]);
    await clock.advance(0);
    const toolCalls = [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Zug"}' }];
    exec.finish(8, { ...(success('') as InferenceSuccess), toolCalls });
    await clock.advance(0);
    expect(queue.completed).toEqual([
      { job_id: 8n, token: 1008n, output: '', tokens_in: 5, tokens_out: 3, tool_calls: toolCalls },
    ]);
    await poller.stop();
    await done;
  });

  it('fails retryable or not as inference says', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, { concurrency: 2 }, [1, 2]);
    await clock.advance(0);
    exec.finish(1, {
      ok: false,
      code: 'crashed',
      reason: 'child died',
      retryable: true,
      tokensIn: 0,
      tokensOut: 0,
      ms: 1,
    });
    exec.finish(2, {
      ok: false,
      code: 'prompt-too-long',
      reason: 'too long',
      retryable: false,
      tokensIn: 0,
      tokensOut: 0,
      ms: 1,
    });
    await clock.advance(0);
    expect(queue.failed).toEqual([
      { job_id: 1n, token: 1001n, reason: 'child died', retryable: true },
      { job_id: 2n, token: 1002n, reason: 'too long', retryable: false },
    ]);
    expect(reports.map((r) => r.outcome)).toEqual(['retried', 'failed']);
    await poller.stop();
    await done;
  });

  it('retries a completion through transient errors (complete is idempotent) with backoff', async () => {
    const { clock, queue, reports, poller, done } = setup(instantExecutor, {}, [1]);
    queue.failNext('complete', 'network', 'unavailable');
    await clock.advance(50 + 100);
    expect(queue.count('complete')).toBe(3);
    expect(queue.completed).toHaveLength(1);
    expect(reports.map((r) => r.outcome)).toEqual(['completed']);
    await poller.stop();
    await done;
  });

  it('reports lease-lost when the queue answers Conflict (the lease expired), and report-failed when it stays unreachable', async () => {
    const { clock, queue, reports, poller, done } = setup(instantExecutor, {}, [1, 2]);
    queue.failNext('complete', 'conflict', 'network', 'network', 'network', 'network');
    await clock.advance(10_000);
    expect(reports.map((r) => r.outcome)).toEqual(['lease-lost', 'report-failed']);
    await poller.stop();
    await done;
  });
});

describe('Poller: leases of long jobs', () => {
  it('extends the lease every extendEveryMs while the job runs, and stops when it ends', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [1]);
    await clock.advance(0);
    await clock.advance(45_000);
    expect(queue.extended).toEqual([
      { job_id: 1n, token: 1001n, seconds: 60 },
      { job_id: 1n, token: 1001n, seconds: 60 },
    ]);
    exec.finish(1);
    await clock.advance(60_000);
    expect(queue.extended).toHaveLength(2);
    expect(queue.completed).toHaveLength(1);
    await poller.stop();
    await done;
  });

  it('abandons the job when extend says the lease is gone, without completing or failing it', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, {}, [1]);
    queue.failNext('extend', 'conflict');
    await clock.advance(20_000);
    expect(exec.running).toEqual([]);
    expect(reports.map((r) => r.outcome)).toEqual(['lease-lost']);
    expect(queue.count('complete') + queue.count('fail')).toBe(0);
    await poller.stop();
    await done;
  });
});

describe("Poller: the queue's own limits, whatever governance set them to", () => {
  it('cuts an output over max_output_bytes at a UTF-8 boundary, marks it, and completes', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, {}, [1], { max_output_bytes: 20 });
    await clock.advance(0);
    exec.finish(1, success('é'.repeat(15))); // 30 bytes
    await clock.advance(0);
    const [completed] = queue.completed;
    expect(completed!.output).toBe(`éé${TRUNCATION_MARK}`);
    expect(Buffer.byteLength(completed!.output)).toBeLessThanOrEqual(20);
    expect(reports).toMatchObject([{ outcome: 'completed', truncated: true }]);
    await poller.stop();
    await done;
  });

  it('fails the job with the reason when the queue refuses the output, instead of letting the lease run out', async () => {
    const { clock, queue, reports, poller, done } = setup(instantExecutor, {}, [1]);
    queue.failNext('complete', 'limit-exceeded');
    await clock.advance(0);
    expect(queue.failed).toEqual([
      {
        job_id: 1n,
        token: 1001n,
        reason: 'output refused by the queue: scripted limit-exceeded on complete',
        retryable: false,
      },
    ]);
    expect(reports).toMatchObject([{ outcome: 'failed' }]);
    await poller.stop();
    await done;
  });

  it("extends every third of a short lease_seconds, well before the lease's deadline", async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [1], { lease_seconds: 6 });
    await clock.advance(0);
    await clock.advance(6_000);
    expect(queue.extended).toEqual([1, 2, 3].map(() => ({ job_id: 1n, token: 1001n, seconds: 60 })));
    expect(clock.sleeps.filter(([, ms]) => ms === 2_000)).toHaveLength(4);
    exec.finish(1);
    await poller.stop();
    await done;
  });

  it('asks for the whole lease_seconds when it is longer than --extend-seconds', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [1], { lease_seconds: 900 });
    await clock.advance(0);
    await clock.advance(20_000);
    expect(queue.extended).toEqual([{ job_id: 1n, token: 1001n, seconds: 900 }]);
    exec.finish(1);
    await poller.stop();
    await done;
  });
});

describe('Poller: heartbeat', () => {
  it('heartbeats at start and every heartbeatMs with models, version and in-flight count', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute);
    await clock.advance(0);
    queue.add(makeLease(1));
    await clock.advance(10_000);
    expect(queue.heartbeats).toEqual([
      { models: ['tiny-chat'], version: 'test-1', in_flight: 0 },
      { models: ['tiny-chat'], version: 'test-1', in_flight: 1 },
    ]);
    exec.finish(1);
    await poller.stop();
    await done;
  });
});

describe('Poller: shutdown', () => {
  it('stops leasing at once and lets in-flight jobs finish within the grace period', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, { concurrency: 2 }, [1, 2, 3, 4]);
    await clock.advance(0);
    const leasesBefore = queue.count('lease');
    const stopped = poller.stop();
    await clock.advance(1_000);
    for (const id of [1, 2, 3]) exec.finish(id);
    await clock.advance(0);
    await stopped;
    await done;
    expect(queue.count('lease')).toBe(leasesBefore);
    expect(queue.count('completeAndLease')).toBe(0);
    expect(reports.map((r) => r.outcome)).toEqual(['completed', 'completed', 'completed']);
    expect(queue.ready.map((l) => Number(l.job_id))).toEqual([4]);
    expect(clock.pending).toBe(0);
  });

  it('releases jobs still running at the deadline: fail retryable "worker shutting down"', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, reports, poller, done } = setup(exec.execute, {}, [1]);
    await clock.advance(0);
    let finished = false;
    const stopped = poller.stop().then(() => (finished = true));
    await clock.advance(4_999);
    expect(finished).toBe(false);
    await clock.advance(1);
    await stopped;
    await done;
    expect(queue.failed).toEqual([{ job_id: 1n, token: 1001n, reason: SHUTDOWN_REASON, retryable: true }]);
    expect(reports.map((r) => r.outcome)).toEqual(['released']);
  });

  it('a second stop(0) releases at once', async () => {
    const exec = new ManualExecutor();
    const { clock, queue, poller, done } = setup(exec.execute, {}, [1]);
    await clock.advance(0);
    void poller.stop();
    await settle();
    await poller.stop(0);
    await done;
    expect(queue.failed.map((f) => f.reason)).toEqual([SHUTDOWN_REASON]);
  });
});
