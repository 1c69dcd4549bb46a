import { describe, expect, it } from 'vitest';

import { lostJob, nextStep } from './hold.ts';

const DEADLINE = 1_000n;

describe('the held call’s next step', () => {
  it('waits while the job is queued or leased, until the deadline, then cancels it', () => {
    expect(nextStep(7n, { Queued: null }, 999n, DEADLINE)).toEqual({ wait: null });
    expect(nextStep(7n, { Leased: null }, 999n, DEADLINE)).toEqual({ wait: null });
    expect(nextStep(7n, { Leased: null }, DEADLINE, DEADLINE)).toEqual({
      reject: expect.stringMatching(/^timed out: no worker completed job 7/),
      outcome: 'timeout',
      cancel: true,
    });
  });

  it('replies with a completed job’s output and tool calls, even past the deadline', () => {
    const calls = [{ id: 'c', name: 'f', arguments: '{}' }];
    expect(nextStep(7n, { Completed: { output: 'hi', tool_calls: calls } }, 2n * DEADLINE, DEADLINE)).toEqual({
      reply: { output: 'hi', tool_calls: calls },
    });
    expect(nextStep(7n, { Completed: { output: 'hi' } }, 0n, DEADLINE)).toEqual({
      reply: { output: 'hi', tool_calls: [] },
    });
  });

  it.each([
    [{ Failed: { reason: 'oom', attempts: 3 } }, 'failed', /job 7 failed after 3 attempt\(s\): oom/],
    [{ Cancelled: null }, 'cancelled', /job 7 was cancelled/],
    [{ Expired: null }, 'expired', /job 7 expired in the queue/],
  ] as const)('rejects a finished job without cancelling it: %o', (status, outcome, message) => {
    expect(nextStep(7n, status, 0n, DEADLINE)).toEqual({
      reject: expect.stringMatching(message),
      outcome,
      cancel: false,
    });
  });

  it('gives up on a job it can no longer read, and cancels it', () => {
    expect(lostJob(7n, 'the queue is stopping')).toEqual({
      reject: 'job 7: the queue is stopping; given up, its cancel is asked of the queue',
      outcome: 'failed',
      cancel: true,
    });
  });
});
