import type { Action, Topic } from './types.ts';

/**
 * Topics, criticality, thresholds and voting durations as in rs/sns/governance/src/topics.rs and
 * types.rs (ProposalCriticality::voting_power_thresholds, Action::voting_duration_parameters).
 */
const CRITICAL_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['CriticalDappOperations', 'TreasuryAssetManagement']);

export const isCritical = (topic: Topic): boolean => CRITICAL_TOPICS.has(topic);

/** The topic of a native action; generic executions take their function's topic (see make_proposal). */
export function nativeTopic(action: Action): Topic | undefined {
  if ('Motion' in action) return 'Governance';
  if ('UpgradeSnsControlledCanister' in action) return 'DappCanisterManagement';
  if ('AddGenericNervousSystemFunction' in action || 'RemoveGenericNervousSystemFunction' in action) {
    return 'CriticalDappOperations';
  }
  return undefined;
}

export interface Thresholds {
  minimum_yes_proportion_of_total_bp: bigint;
  minimum_yes_proportion_of_exercised_bp: bigint;
}

export function thresholds(critical: boolean): Thresholds {
  return critical
    ? { minimum_yes_proportion_of_total_bp: 2_000n, minimum_yes_proportion_of_exercised_bp: 6_700n }
    : { minimum_yes_proportion_of_total_bp: 300n, minimum_yes_proportion_of_exercised_bp: 5_000n };
}

const DAY = 86_400n;
const max = (a: bigint, b: bigint) => (a > b ? a : b);

export function votingDuration(
  critical: boolean,
  initialVotingPeriodSeconds: bigint,
  waitForQuietDeadlineIncreaseSeconds: bigint,
): { initial_voting_period_seconds: bigint; wait_for_quiet_deadline_increase_seconds: bigint } {
  return critical
    ? {
        initial_voting_period_seconds: max(initialVotingPeriodSeconds, 5n * DAY),
        wait_for_quiet_deadline_increase_seconds: max(waitForQuietDeadlineIncreaseSeconds, 2n * DAY + DAY / 2n),
      }
    : {
        initial_voting_period_seconds: initialVotingPeriodSeconds,
        wait_for_quiet_deadline_increase_seconds: waitForQuietDeadlineIncreaseSeconds,
      };
}
