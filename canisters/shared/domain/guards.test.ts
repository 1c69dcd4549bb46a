import { describe, expect, it } from 'vitest';

import { ROLES } from '../testing/roles.ts';
import { callerIsGovernance, callerIsSignedIn, governanceTrap } from './guards.ts';

describe('caller guards', () => {
  it('refuse the anonymous principal with a typed Unauthorized naming the action', () => {
    expect(callerIsSignedIn(ROLES.anonymous, 'submit jobs')).toEqual({
      Err: { Unauthorized: 'anonymous callers cannot submit jobs' },
    });
    expect(callerIsSignedIn(ROLES.stranger, 'submit jobs')).toBeUndefined();
  });

  it('let only the configured principal through', () => {
    expect(callerIsGovernance(ROLES.governance, ROLES.governance)).toBeUndefined();
    expect(callerIsGovernance(ROLES.stranger, ROLES.governance)).toEqual({
      Err: { Unauthorized: 'only SNS governance can call this method' },
    });
    // Before init the configured principal is empty text, which no caller matches.
    expect(callerIsGovernance(ROLES.anonymous, '')).toMatchObject({ Err: { Unauthorized: expect.any(String) } });
  });
});

describe('governanceTrap', () => {
  const refused = { Err: { InvalidInput: 'max_attempts is 0' } };

  it('traps only when governance itself gets an Err', () => {
    expect(governanceTrap(refused, ROLES.governance, ROLES.governance, 'set_params')).toBe(
      'set_params failed: InvalidInput: max_attempts is 0',
    );
    expect(governanceTrap(refused, ROLES.stranger, ROLES.governance, 'set_params')).toBeUndefined();
    expect(governanceTrap({ Ok: null }, ROLES.governance, ROLES.governance, 'set_params')).toBeUndefined();
  });
});
