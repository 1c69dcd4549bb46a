import { proposalOutcome, type ProposalLookup } from './proposal.ts';
import { findNomination, transition, update, type InvitationStores } from './stores.ts';
import type { Nomination } from './types.ts';

export type ReconcileAction =
  { Keep: null } | { Expire: string } | { Reject: string } | { Unlink: string } | { ExecutedStillOpen: string };

/**
 * Pure decision for one nomination. `lookup` is governance's answer for its linked proposal
 * (undefined when none is linked). While a linked proposal is undecided or adopted-but-not-yet-
 * executed the nomination stays Open even past its TTL: the vote decides, not the clock.
 */
export function decideReconciliation(
  nomination: Nomination,
  now: bigint,
  lookup: ProposalLookup | undefined,
): ReconcileAction {
  if (nomination.status !== 'Open') return { Keep: null };
  const expired = now >= nomination.expires_at;
  if (nomination.proposal_id === undefined) return expired ? { Expire: 'expired without a proposal' } : { Keep: null };
  const id = nomination.proposal_id;
  if (lookup === undefined || 'Unavailable' in lookup) return { Keep: null };
  const gone = (why: string): ReconcileAction =>
    expired ? { Expire: `expired; proposal ${id} ${why}` } : { Unlink: `proposal ${id} ${why}` };
  if ('NotFound' in lookup) return gone('no longer exists');
  const view = lookup.Found;
  switch (proposalOutcome(view)) {
    case 'Open':
    case 'Adopted':
      return { Keep: null };
    case 'Rejected':
      return { Reject: `proposal ${id} was rejected` };
    case 'Failed':
      return gone(`failed${view.failure_reason ? `: ${view.failure_reason}` : ''}`);
    case 'Executed':
      return { ExecutedStillOpen: `proposal ${id} executed but nomination ${nomination.id} is still Open` };
  }
}

/**
 * Applies a decision taken before an await: re-reads the nomination and acts only if it is still
 * Open and linked to the same proposal the decision was about.
 */
export function applyReconciliation(
  stores: InvitationStores,
  now: bigint,
  decided: Nomination,
  action: ReconcileAction,
): Nomination | undefined {
  const current = findNomination(stores, decided.id);
  if (current === undefined || current.status !== 'Open' || current.proposal_id !== decided.proposal_id)
    return undefined;
  if ('Expire' in action) return transition(stores, current, 'Expired', now, action.Expire);
  if ('Reject' in action) return transition(stores, current, 'Rejected', now, action.Reject);
  if ('Unlink' in action)
    return update(stores, { ...current, proposal_id: undefined, status_reason: action.Unlink }, now);
  return undefined;
}
