import { authorizedNeuron } from './authorize.ts';
import { isCritical, nativeTopic, thresholds, votingDuration } from './criticality.ts';
import { ERROR_TYPE, govErr, type GovResult } from './errors.ts';
import { acceptsVote } from './decision.ts';
import { configCell, countersCell, proposalKey, type GovernanceStores } from './stores.ts';
import { validateAction } from './validate-action.ts';
import { invalidProposal } from './validate.ts';
import { tallyOf } from './wait-for-quiet.ts';
import { votingPower } from './voting-power.ts';
import { PERMISSION, VOTE, type Ballot, type ProposalContent, type ProposalData, type Topic } from './types.ts';
import type { Prepared } from './validate-action.ts';

const NATIVE_ID = {
  Motion: 1n,
  UpgradeSnsControlledCanister: 3n,
  AddGenericNervousSystemFunction: 4n,
  RemoveGenericNervousSystemFunction: 5n,
} as const;

/**
 * Everything of make_proposal that needs no inter-canister call: content and action validation,
 * proposer permission, dissolve delay >= minimum to vote, stake >= reject cost, proposal cap.
 * Run before the validator call and again after it (state may have changed meanwhile).
 */
export function prepareProposal(
  stores: GovernanceStores,
  self: string,
  caller: string,
  neuronId: string,
  content: ProposalContent,
  now: bigint,
): GovResult<Prepared> {
  const config = configCell(stores).get();
  const { defects, prepared } = validateAction(stores, self, content);
  if (defects.length > 0 || !prepared) return invalidProposal(defects);

  const proposer = authorizedNeuron(stores, neuronId, caller, PERMISSION.SubmitProposal);
  if ('Err' in proposer) return proposer;
  const minDelay = config.params.neuron_minimum_dissolve_delay_to_vote_seconds;
  if (proposer.Ok.dissolve_delay_seconds < minDelay) {
    return govErr(
      ERROR_TYPE.PreconditionFailed,
      `The proposer's dissolve delay ${proposer.Ok.dissolve_delay_seconds} is less than the minimum required dissolve delay of ${minDelay}`,
    );
  }
  if (proposer.Ok.cached_neuron_stake_e8s - proposer.Ok.neuron_fees_e8s < config.params.reject_cost_e8s) {
    return govErr(ERROR_TYPE.PreconditionFailed, "Neuron doesn't have enough stake to submit proposal.");
  }
  const open = stores.proposals.entries().filter(([, p]) => acceptsVote(p, now)).length;
  if (BigInt(open) >= config.params.max_number_of_proposals_with_ballots) {
    return govErr(
      ERROR_TYPE.ResourceExhausted,
      'Reached maximum number of proposals that have not yet been taken into account for voting rewards. Please try again later.',
    );
  }
  return { Ok: prepared };
}

/** Creates the proposal: snapshot of ballots, reject cost charged, proposer votes yes. */
export function createProposal(
  stores: GovernanceStores,
  neuronId: string,
  content: ProposalContent,
  topic: Topic,
  rendering: string,
  now: bigint,
): GovResult<bigint> {
  const { params } = configCell(stores).get();
  const ballots: Array<[string, Ballot]> = [];
  for (const [id, neuron] of stores.neurons.entries()) {
    if (neuron.dissolve_delay_seconds < params.neuron_minimum_dissolve_delay_to_vote_seconds) continue;
    const vote = id === neuronId ? VOTE.Yes : VOTE.Unspecified;
    ballots.push([
      id,
      { vote, voting_power: votingPower(neuron, now, params), cast_timestamp_seconds: vote === VOTE.Yes ? now : 0n },
    ]);
  }
  if (ballots.length === 0) return govErr(ERROR_TYPE.PreconditionFailed, 'No eligible voters.');

  const proposer = stores.neurons.get(neuronId);
  if (!proposer) return govErr(ERROR_TYPE.NotFound, `No neuron for given NeuronId: ${neuronId}`);
  stores.neurons.set(neuronId, { ...proposer, neuron_fees_e8s: proposer.neuron_fees_e8s + params.reject_cost_e8s });

  const critical = isCritical(topic);
  const duration = votingDuration(
    critical,
    params.initial_voting_period_seconds,
    params.wait_for_quiet_deadline_increase_seconds,
  );
  const counters = countersCell(stores);
  const id = counters.get().next_proposal_id;
  counters.set({ next_proposal_id: id + 1n });
  const action = content.action;
  // The module lives apart from the proposal (which is read, listed and copied often) until execution.
  let stored = content;
  if ('UpgradeSnsControlledCanister' in action) {
    const { new_canister_wasm, ...kept } = action.UpgradeSnsControlledCanister;
    stores.wasms.set(proposalKey(id), new_canister_wasm ?? new Uint8Array());
    stored = { ...content, action: { UpgradeSnsControlledCanister: kept } };
  }
  const data: ProposalData = {
    id,
    action:
      'ExecuteGenericNervousSystemFunction' in action
        ? action.ExecuteGenericNervousSystemFunction.function_id
        : NATIVE_ID[Object.keys(action)[0] as keyof typeof NATIVE_ID],
    proposer: neuronId,
    proposal: stored,
    topic: nativeTopic(action) ?? topic,
    payload_text_rendering: rendering,
    ballots,
    latest_tally: tallyOf(ballots, now),
    reject_cost_e8s: params.reject_cost_e8s,
    proposal_creation_timestamp_seconds: now,
    ...duration,
    current_deadline_timestamp_seconds: now + duration.initial_voting_period_seconds,
    ...thresholds(critical),
    decided_timestamp_seconds: 0n,
    executed_timestamp_seconds: 0n,
    failed_timestamp_seconds: 0n,
  };
  stores.proposals.set(proposalKey(id), data);
  return { Ok: id };
}
