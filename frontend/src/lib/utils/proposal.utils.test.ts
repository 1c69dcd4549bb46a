import { describe, expect, it } from 'vitest';

import { deadlineOf, genericPayload, statusOf, type ProposalLike } from './proposal.utils.ts';

const base: ProposalLike = {
  id: [{ id: 3n }],
  action: 1000n,
  decided_timestamp_seconds: 0n,
  executed_timestamp_seconds: 0n,
  failed_timestamp_seconds: 0n,
  proposal_creation_timestamp_seconds: 1000n,
  initial_voting_period_seconds: 345_600n,
  latest_tally: [{ yes: 60n, no: 10n, total: 100n }],
  wait_for_quiet_state: [],
  minimum_yes_proportion_of_exercised: [],
  minimum_yes_proportion_of_total: [],
  proposal: [
    { title: 't', action: [{ ExecuteGenericNervousSystemFunction: { function_id: 1000n, payload: [1, 2] } }] },
  ],
};

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
