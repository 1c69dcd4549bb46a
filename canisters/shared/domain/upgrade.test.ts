import { describe, expect, it } from 'vitest';

import { ROLES } from '../testing/roles.ts';
import { ANONYMOUS } from './principal.ts';
import { governanceAfterUpgrade } from './upgrade.ts';

describe('governanceAfterUpgrade', () => {
  const current = ROLES.governance;
  const peers = [ROLES.registryCanister, ROLES.queueCanister];

  it('keeps the current governance when the upgrade names none', () => {
    expect(governanceAfterUpgrade(current, undefined, peers)).toEqual({ Ok: current });
    expect(governanceAfterUpgrade(current, { governance: undefined }, peers)).toEqual({ Ok: current });
  });

  it('takes the named one', () => {
    expect(governanceAfterUpgrade(current, { governance: ROLES.stranger }, peers)).toEqual({ Ok: ROLES.stranger });
  });

  it('refuses the anonymous principal, an over-long principal and a Gatehouse canister', () => {
    const refused = (governance: string) => governanceAfterUpgrade(current, { governance }, peers);
    expect(refused(ANONYMOUS)).toEqual({ Err: { InvalidInput: 'governance must not be the anonymous principal' } });
    expect(refused('a'.repeat(60))).toMatchObject({ Err: { InvalidInput: expect.stringMatching(/at most 29/) } });
    expect(refused(ROLES.queueCanister)).toEqual({
      Err: { InvalidInput: `governance ${ROLES.queueCanister} is a Gatehouse canister` },
    });
  });
});
