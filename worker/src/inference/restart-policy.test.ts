import { describe, it, expect } from 'vitest';
import { RestartPolicy } from './restart-policy.ts';

describe('RestartPolicy', () => {
  it('backs off exponentially, caps the delay and stops when the window budget is spent', () => {
    const policy = new RestartPolicy({ maxRestarts: 4, windowMs: 60_000, baseDelayMs: 100, maxDelayMs: 500 });
    expect([0, 1, 2, 3].map((i) => policy.next(1_000 + i))).toEqual([100, 200, 400, 500]);
    expect(policy.next(2_000)).toBeNull();
  });

  it('forgets restarts older than the window', () => {
    const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 1_000, baseDelayMs: 100, maxDelayMs: 500 });
    expect(policy.next(0)).toBe(100);
    expect(policy.next(500)).toBeNull();
    expect(policy.next(1_500)).toBe(100);
  });
});
