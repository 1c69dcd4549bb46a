import type { Params } from './params.ts';
import type { Neuron } from './types.ts';

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Stake that counts for voting: cached stake minus fees (Neuron::voting_power_stake_e8s, no staked maturity here). */
export const votingStake = (n: Neuron): bigint =>
  n.cached_neuron_stake_e8s > n.neuron_fees_e8s ? n.cached_neuron_stake_e8s - n.neuron_fees_e8s : 0n;

export const ageSeconds = (n: Neuron, now: bigint): bigint =>
  now > n.aging_since_timestamp_seconds ? now - n.aging_since_timestamp_seconds : 0n;

/**
 * Neuron::voting_power of rs/sns/governance/src/neuron.rs: the stake grows linearly with the
 * dissolve delay (up to max_dissolve_delay_bonus_percentage at max_dissolve_delay_seconds),
 * then with age (up to max_age_bonus_percentage at max_neuron_age_for_age_bonus), then the
 * neuron's voting_power_percentage_multiplier applies. Integer division as in u128 Rust.
 */
export function votingPower(n: Neuron, now: bigint, p: Params): bigint {
  const stake = votingStake(n);
  const d = min(n.dissolve_delay_seconds, p.max_dissolve_delay_seconds);
  const dStake =
    p.max_dissolve_delay_seconds > 0n
      ? stake + (stake * d * p.max_dissolve_delay_bonus_percentage) / (100n * p.max_dissolve_delay_seconds)
      : stake;
  const a = min(ageSeconds(n, now), p.max_neuron_age_for_age_bonus);
  const adStake =
    p.max_neuron_age_for_age_bonus > 0n
      ? dStake + (dStake * a * p.max_age_bonus_percentage) / (100n * p.max_neuron_age_for_age_bonus)
      : dStake;
  return (adStake * n.voting_power_percentage_multiplier) / 100n;
}
