/**
 * The nervous system parameters this canister uses, with the defaults of the real SNS
 * (NervousSystemParameters::with_default_values in rs/sns/governance/src/types.rs).
 */
export interface Params {
  reject_cost_e8s: bigint;
  neuron_minimum_stake_e8s: bigint;
  transaction_fee_e8s: bigint;
  initial_voting_period_seconds: bigint;
  wait_for_quiet_deadline_increase_seconds: bigint;
  neuron_minimum_dissolve_delay_to_vote_seconds: bigint;
  max_dissolve_delay_seconds: bigint;
  max_neuron_age_for_age_bonus: bigint;
  max_dissolve_delay_bonus_percentage: bigint;
  max_age_bonus_percentage: bigint;
  max_number_of_proposals_with_ballots: bigint;
}

const DAY = 86_400n;
const YEAR = 31_557_600n; // 365.25 days, ONE_YEAR_SECONDS in ic_nervous_system_common

export const DEFAULT_PARAMS: Params = {
  reject_cost_e8s: 100_000_000n,
  neuron_minimum_stake_e8s: 100_000_000n,
  transaction_fee_e8s: 10_000n,
  initial_voting_period_seconds: 4n * DAY,
  wait_for_quiet_deadline_increase_seconds: DAY,
  neuron_minimum_dissolve_delay_to_vote_seconds: 6n * 30n * DAY,
  max_dissolve_delay_seconds: 8n * YEAR,
  max_neuron_age_for_age_bonus: 4n * YEAR,
  max_dissolve_delay_bonus_percentage: 100n,
  max_age_bonus_percentage: 25n,
  max_number_of_proposals_with_ballots: 700n,
};

/** Bounds the real SNS enforces on these parameters (NervousSystemParameters::validate). */
export function checkParams(p: Params): string | undefined {
  const DAY_S = 86_400n;
  if (p.initial_voting_period_seconds < DAY_S || p.initial_voting_period_seconds > 30n * DAY_S)
    return 'initial_voting_period_seconds must be between 1 day and 30 days';
  if (p.wait_for_quiet_deadline_increase_seconds < 1n || p.wait_for_quiet_deadline_increase_seconds > 30n * DAY_S)
    return 'wait_for_quiet_deadline_increase_seconds must be between 1 second and 30 days';
  if (p.wait_for_quiet_deadline_increase_seconds * 2n > p.initial_voting_period_seconds)
    return 'wait_for_quiet_deadline_increase_seconds must be at most half of initial_voting_period_seconds';
  if (p.neuron_minimum_dissolve_delay_to_vote_seconds > p.max_dissolve_delay_seconds)
    return 'neuron_minimum_dissolve_delay_to_vote_seconds must not exceed max_dissolve_delay_seconds';
  if (p.max_dissolve_delay_bonus_percentage > 900n) return 'max_dissolve_delay_bonus_percentage must be at most 900';
  if (p.max_age_bonus_percentage > 400n) return 'max_age_bonus_percentage must be at most 400';
  if (p.max_number_of_proposals_with_ballots === 0n || p.max_number_of_proposals_with_ballots > 700n)
    return 'max_number_of_proposals_with_ballots must be between 1 and 700';
  return undefined;
}
