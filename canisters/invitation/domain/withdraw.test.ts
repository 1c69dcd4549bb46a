import { describe, expect, it } from 'vitest';

import { nominateFlow } from './flows.ts';
import { findNomination, openCount } from './stores.ts';
import { stats } from './queries.ts';
import {
  candidate,
  expectedMatrix,
  nominateInput,
  outcomeOf,
  roleMatrix,
  ROLES,
  SECOND,
  T0,
  world,
  type World,
} from './testing.ts';
import { withdraw } from './withdraw.ts';

async function withNomination(w: World) {
  const result = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
  if (!('Ok' in result)) throw new Error('setup failed');
}

describe('withdraw', () => {
  it('caller-role matrix: only the nominator; rejected calls change nothing', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(withNomination, (w, caller) =>
      withdraw(w.stores, w.now, caller, 1n),
    );
    expect(outcomes).toEqual(expectedMatrix(['nodeProvider'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('marks the nomination Withdrawn and frees the candidate and the quota slot', async () => {
    const w = world();
    await withNomination(w);
    w.now += 7n * SECOND;
    expect(withdraw(w.stores, w.now, ROLES.nodeProvider, 1n)).toEqual({ Ok: null });
    expect(findNomination(w.stores, 1n)).toMatchObject({
      status: 'Withdrawn',
      updated_at: T0 + 7n * SECOND,
      created_at: T0,
    });
    expect(openCount(w.stores, ROLES.nodeProvider)).toBe(0);
    expect(stats(w.stores)).toMatchObject({ open: 0n, withdrawn: 1n });
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1))))).toBe('Ok');
  });

  it('refuses an unknown nomination and a nomination that is no longer Open', async () => {
    const w = world();
    await withNomination(w);
    expect(outcomeOf(withdraw(w.stores, w.now, ROLES.nodeProvider, 9n))).toBe('NotFound');
    withdraw(w.stores, w.now, ROLES.nodeProvider, 1n);
    expect(outcomeOf(withdraw(w.stores, w.now, ROLES.nodeProvider, 1n))).toBe('Conflict');
    expect(stats(w.stores)).toMatchObject({ withdrawn: 1n, open: 0n });
  });
});
