import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles from baseMs up to maxMs at the top of the jitter range', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('keeps at least half of the ceiling at the bottom of the jitter range', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });

  it('never exceeds maxMs, even for huge attempt numbers', () => {
    for (const n of [10, 100, 10_000]) expect(backoffDelay(n, policy, Math.random)).toBeLessThanOrEqual(1_000);
  });
});
