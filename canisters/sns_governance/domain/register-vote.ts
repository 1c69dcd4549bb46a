import { authorizedNeuron } from './authorize.ts';
import { acceptsVote } from './decision.ts';
import { ERROR_TYPE, govErr, type GovResult } from './errors.ts';
import { proposalKey, type GovernanceStores } from './stores.ts';
import { PERMISSION, VOTE } from './types.ts';
import { retally } from './wait-for-quiet.ts';

/** Governance::register_vote: checks in the real order, then records the ballot, re-tallies and applies wait-for-quiet. */
export function registerVote(
  stores: GovernanceStores,
  caller: string,
  neuronId: string,
  proposalId: bigint | undefined,
  vote: number,
  now: bigint,
): GovResult<null> {
  const neuron = authorizedNeuron(stores, neuronId, caller, PERMISSION.Vote);
  if ('Err' in neuron) return neuron;
  if (proposalId === undefined)
    return govErr(ERROR_TYPE.InvalidCommand, 'Registering of vote must include a proposal id.');
  const proposal = stores.proposals.get(proposalKey(proposalId));
  if (!proposal) return govErr(ERROR_TYPE.NotFound, `Can't find proposal ${proposalId}.`);
  if (vote !== VOTE.Yes && vote !== VOTE.No) return govErr(ERROR_TYPE.InvalidCommand, 'Invalid vote specified.');
  if (!acceptsVote(proposal, now)) return govErr(ERROR_TYPE.PreconditionFailed, 'Proposal deadline has passed.');
  const index = proposal.ballots.findIndex(([id]) => id === neuronId);
  const ballot = proposal.ballots[index]?.[1];
  if (!ballot) return govErr(ERROR_TYPE.NotAuthorized, 'Neuron not eligible to vote on proposal.');
  if (ballot.vote !== VOTE.Unspecified)
    return govErr(ERROR_TYPE.PreconditionFailed, 'Neuron already voted on proposal.');

  const ballots = proposal.ballots.slice();
  ballots[index] = [neuronId, { ...ballot, vote, cast_timestamp_seconds: now }];
  stores.proposals.set(proposalKey(proposalId), retally({ ...proposal, ballots }, now));
  return { Ok: null };
}
