import { conflict, notFound, ok, type Result } from '../../shared/domain/result.ts';
import { findNomination, transition, type InvitationStores } from './stores.ts';
import type { Nomination } from './types.ts';

/**
 * 'validate': a proposal is about to be created, so the nomination must be unexpired.
 * 'execute': a proposal was adopted. A nomination whose linked vote outlived its TTL stays
 * admissible (the timer never expires it while the vote runs); an unlinked one must be unexpired.
 */
export type AdmitStage = 'validate' | 'execute';

/** Pure: may this nomination be admitted now? Changes nothing. */
export function checkAdmissible(
  stores: InvitationStores,
  now: bigint,
  nominationId: bigint,
  stage: AdmitStage,
): Result<Nomination> {
  const nomination = findNomination(stores, nominationId);
  if (nomination === undefined) return notFound(`no nomination ${nominationId}`);
  if (nomination.status !== 'Open') return conflict(`nomination ${nominationId} is ${nomination.status}, not Open`);
  const expired = now >= nomination.expires_at;
  if (expired && (stage === 'validate' || nomination.proposal_id === undefined)) {
    return conflict(`nomination ${nominationId} expired at ${nomination.expires_at} (now ${now})`);
  }
  return ok(nomination);
}

/**
 * Records an admission the registry has already accepted. It wins over any status change that
 * raced in while the registry call was in flight: the registry is the source of membership.
 */
export function markAdmitted(stores: InvitationStores, now: bigint, nominationId: bigint): Result<Nomination> {
  const nomination = findNomination(stores, nominationId);
  if (nomination === undefined) return notFound(`no nomination ${nominationId}`);
  if (nomination.status === 'Admitted') return ok(nomination);
  const raced = nomination.status === 'Open' ? undefined : `admitted by governance (was ${nomination.status})`;
  return ok(transition(stores, nomination, 'Admitted', now, raced ?? 'admitted by governance'));
}

/** The registry's admit_contributor arguments for a nomination (principals as text). */
export function admissionOf(nomination: Nomination) {
  return {
    contributor: nomination.candidate,
    display_name: nomination.display_name,
    sponsor: nomination.nominator,
    // 0 when the proposal was never linked: admit cannot learn which proposal is calling it.
    proposal_id: nomination.proposal_id ?? 0n,
    hardware: nomination.hardware,
    models: nomination.models,
  };
}
