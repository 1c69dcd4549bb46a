/** An open proposal of one of our generic functions, for tests to vary. */
import type { ProposalLike } from './proposal.utils.ts';

export const PROPOSAL: ProposalLike = {
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
