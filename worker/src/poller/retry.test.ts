import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/fake-clock.ts';
import { QueueError } from '../queue/errors.ts';
import { withRetry } from './retry.ts';

const options = (clock: FakeClock) => ({ attempts: 3, baseMs: 100, maxMs: 1_000, clock, random: () => 1 });

describe('withRetry', () => {
  it('retries transient errors with backoff and returns the first success', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new QueueError('network', 'connection refused');
      return 'ok';
    }, options(clock));
    await clock.advance(1_000);
    await expect(result).resolves.toBe('ok');
    expect(clock.sleeps.map(([, ms]) => ms)).toEqual([100, 200]);
  });

  it('does not retry a typed error and gives up after `attempts` transient ones', async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new QueueError('conflict', 'expired');
      }, options(clock)),
    ).rejects.toThrow('expired');
    expect(calls).toBe(1);
    const giveUp = withRetry(async () => {
      throw new QueueError('unavailable', 'busy');
    }, options(clock));
    const seen = giveUp.catch((e: unknown) => e);
    await clock.advance(1_000);
    expect(await seen).toMatchObject({ kind: 'unavailable' });
    expect(clock.sleeps).toHaveLength(2);
  });
});
