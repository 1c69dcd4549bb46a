import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, invalidInput, notFound, ok, unavailable, type Result } from '../../shared/domain/result.ts';
import { decodeAdmitPayload } from './admit-payload.ts';
import type { ProposalLookup } from './proposal.ts';
import { readConfig, update, type InvitationStores } from './stores.ts';
import type { Nomination } from './types.ts';
import { ownOpenNomination } from './withdraw.ts';

export interface LinkProposalInput {
  nomination_id: bigint;
  proposal_id: bigint;
}

/** Everything checkable before asking governance about the proposal. */
export function precheckLink(
  stores: InvitationStores,
  now: bigint,
  caller: PrincipalText,
  input: LinkProposalInput,
): Result<Nomination> {
  const found = ownOpenNomination(stores, caller, input.nomination_id);
  if ('Err' in found) return found;
  const nomination = found.Ok;
  if (nomination.proposal_id !== undefined) {
    return conflict(
      `nomination ${nomination.id} is linked to proposal ${nomination.proposal_id}; ` +
        'a failed proposal is unlinked by reconcile, after which a new one can be linked',
    );
  }
  if (now >= nomination.expires_at) return conflict(`nomination ${nomination.id} has expired`);
  return found;
}

/** Links a proposal once governance confirmed it is an undecided admit proposal for this very nomination. */
export function linkProposal(
  stores: InvitationStores,
  now: bigint,
  caller: PrincipalText,
  input: LinkProposalInput,
  lookup: ProposalLookup,
): Result<Nomination> {
  const checked = precheckLink(stores, now, caller, input);
  if ('Err' in checked) return checked;
  if ('Unavailable' in lookup) return unavailable(`SNS governance did not answer: ${lookup.Unavailable}`);
  if ('NotFound' in lookup) return notFound(`proposal ${input.proposal_id}: ${lookup.NotFound}`);
  const proposal = lookup.Found;
  const { admit_function_id } = readConfig(stores);
  if (proposal.id !== input.proposal_id)
    return invalidInput(`governance returned proposal ${proposal.id}, not ${input.proposal_id}`);
  if (proposal.generic === undefined) {
    return invalidInput(`proposal ${proposal.id} does not execute a generic nervous system function`);
  }
  if (proposal.generic.function_id !== admit_function_id) {
    return invalidInput(
      `proposal ${proposal.id} executes function ${proposal.generic.function_id}, not admit (${admit_function_id})`,
    );
  }
  const payload = decodeAdmitPayload(proposal.generic.payload);
  if (payload === undefined) return invalidInput(`proposal ${proposal.id}'s payload is not an AdmitPayload`);
  if (payload.nomination_id !== input.nomination_id) {
    return invalidInput(
      `proposal ${proposal.id} admits nomination ${payload.nomination_id}, not ${input.nomination_id}`,
    );
  }
  if (proposal.decided_timestamp_seconds !== 0n) return conflict(`proposal ${proposal.id} is already decided`);
  return ok(update(stores, { ...checked.Ok, proposal_id: proposal.id }, now));
}
