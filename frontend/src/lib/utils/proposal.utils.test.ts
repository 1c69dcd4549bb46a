import { describe, expect, it } from 'vitest';

import { PROPOSAL as base } from './proposal.fixture.ts';
import { deadlineOf, genericPayload, statusOf } from './proposal.utils.ts';

describe('proposal readings', () => {
  it('derives the decision status as SNS governance does', () => {
    expect(statusOf(base)).toBe('Open');
    expect(statusOf({ ...base, decided_timestamp_seconds: 5n })).toBe('Adopted');
    expect(statusOf({ ...base, decided_timestamp_seconds: 5n, executed_timestamp_seconds: 6n })).toBe('Executed');
    expect(statusOf({ ...base, decided_timestamp_seconds: 5n, failed_timestamp_seconds: 6n })).toBe('Failed');
    expect(
      statusOf({ ...base, decided_timestamp_seconds: 5n, latest_tally: [{ yes: 10n, no: 60n, total: 100n }] }),
    ).toBe('Rejected');
  });

  it('takes the deadline after wait-for-quiet, else creation + voting period', () => {
    expect(deadlineOf(base)).toBe(346_600n);
    expect(deadlineOf({ ...base, wait_for_quiet_state: [{ current_deadline_timestamp_seconds: 400_000n }] })).toBe(
      400_000n,
    );
  });

  it('reads a generic function call and its payload bytes', () => {
    expect(genericPayload(base)).toEqual({ functionId: 1000n, payload: new Uint8Array([1, 2]) });
    expect(genericPayload({ ...base, proposal: [{ title: 't', action: [{ Motion: {} }] }] })).toBeUndefined();
  });
});
