import { describe, expect, it } from 'vitest';

import { ROLES } from '../testing/roles.ts';
import { RateWindow, validatorCaller } from './rate-window.ts';

const S = 1_000_000_000n;

describe('RateWindow', () => {
  it('allows perCaller calls per caller and overall in total per window, then a fresh window', () => {
    const window = new RateWindow(2, 3, 60n * S);
    expect(window.take('a', 0n)).toBeUndefined();
    expect(window.take('a', S)).toBeUndefined();
    expect(window.take('a', 2n * S)).toEqual({
      Err: { LimitExceeded: 'too many calls of this method; try again in 58 s' },
    });
    expect(window.take('b', 2n * S)).toBeUndefined();
    expect(window.take('c', 2n * S)).toMatchObject({ Err: { LimitExceeded: expect.any(String) } });
    expect(window.take('a', 60n * S)).toBeUndefined();
  });
});

describe('validatorCaller', () => {
  it('always answers governance, refuses anonymous, and bounds everyone else', () => {
    const window = new RateWindow(1, 10, 60n * S);
    for (let i = 0; i < 5; i++) expect(validatorCaller(ROLES.governance, ROLES.governance, window, 0n)).toBeUndefined();
    expect(validatorCaller(ROLES.anonymous, ROLES.governance, window, 0n)).toMatchObject({
      Err: { Unauthorized: expect.any(String) },
    });
    expect(validatorCaller(ROLES.stranger, ROLES.governance, window, 0n)).toBeUndefined();
    expect(validatorCaller(ROLES.stranger, ROLES.governance, window, 0n)).toMatchObject({
      Err: { LimitExceeded: expect.any(String) },
    });
  });
});
