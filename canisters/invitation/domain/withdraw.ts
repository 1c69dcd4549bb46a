import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, notFound, ok, unauthorized, type Result } from '../../shared/domain/result.ts';
import { findNomination, transition, type InvitationStores } from './stores.ts';
import type { Nomination } from './types.ts';

/** Looks up a nomination the caller nominated; the shared guard of withdraw and link_proposal. */
export function ownOpenNomination(stores: InvitationStores, caller: PrincipalText, id: bigint): Result<Nomination> {
  const denied = callerIsSignedIn(caller, 'change nominations');
  if (denied) return denied;
  const nomination = findNomination(stores, id);
  if (nomination === undefined) return notFound(`no nomination ${id}`);
  if (nomination.nominator !== caller) return unauthorized(`only the nominator can change nomination ${id}`);
  if (nomination.status !== 'Open') return conflict(`nomination ${id} is ${nomination.status}, not Open`);
  return ok(nomination);
}

export function withdraw(stores: InvitationStores, now: bigint, caller: PrincipalText, id: bigint): Result<null> {
  const found = ownOpenNomination(stores, caller, id);
  if ('Err' in found) return found;
  transition(stores, found.Ok, 'Withdrawn', now, `withdrawn by ${caller}`);
  return ok(null);
}
