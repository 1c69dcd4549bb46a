import { expect, it } from 'vitest';

import type { Result } from '../../shared/domain/result.ts';
import { ALL_ROLES, ROLES, type Role } from '../../shared/testing/roles.ts';
import type { RegistryStores } from '../domain/stores.ts';
import { outcomeOf, snapshot, world, type Outcome } from './world.ts';

/**
 * The caller-role matrix for one update method: each role calls it in a fresh world; the expected
 * outcome must match, and a rejected call must leave every store exactly as it was.
 */
export function roleMatrix(
  call: (stores: RegistryStores, caller: string) => Result<unknown>,
  expected: (role: Role) => Outcome,
  setup: (stores: RegistryStores) => void = () => {},
): void {
  it.each(ALL_ROLES.map((role) => [role, expected(role)] as const))('%s -> %s', (role, outcome) => {
    const stores = world();
    setup(stores);
    const before = snapshot(stores);
    const result = call(stores, ROLES[role]);
    expect(outcomeOf(result)).toBe(outcome);
    if (outcome === 'Ok') expect(snapshot(stores)).not.toEqual(before);
    else expect(snapshot(stores)).toEqual(before);
  });
}
