import { isAnonymous, type PrincipalText } from './principal.ts';
import { describeError, unauthorized, type GatehouseError } from './result.ts';

/**
 * The caller checks every endpoint of every Gatehouse canister names (juno's `caller_is_*` guards).
 * Each answers undefined when the caller may go on, or the Err Unauthorized to reply with: a refused
 * caller gets an ordinary typed reply, never a trap (only governance targets trap, see governance-target.ts).
 */
export type Denial = { Err: GatehouseError } | undefined;

/** Any signed-in caller; `action` completes "anonymous callers cannot …". */
export function callerIsSignedIn(caller: PrincipalText, action: string): Denial {
  return isAnonymous(caller) ? unauthorized(`anonymous callers cannot ${action}`) : undefined;
}

/** Exactly the configured principal of `role` (a canister id from init). */
export function callerIs(caller: PrincipalText, expected: PrincipalText, role: string): Denial {
  return caller === expected ? undefined : unauthorized(`only ${role} can call this method`);
}

export const callerIsGovernance = (caller: PrincipalText, governance: PrincipalText): Denial =>
  callerIs(caller, governance, 'SNS governance');

export const callerIsRegistry = (caller: PrincipalText, registry: PrincipalText): Denial =>
  callerIs(caller, registry, 'the registry canister');

export const callerIsInvitation = (caller: PrincipalText, invitation: PrincipalText): Denial =>
  callerIs(caller, invitation, 'the invitation canister');

/**
 * SNS governance counts ANY reply of a proposal's target method as "executed", so when governance
 * itself calls and the action cannot apply, the method must trap (reject) to mark the proposal
 * Failed. Returns the trap message in that case; undefined when the result may be replied as it is
 * (Ok, or an Err to any other caller).
 */
export function governanceTrap(
  result: { Ok: unknown } | { Err: GatehouseError },
  caller: PrincipalText,
  governance: PrincipalText,
  action: string,
): string | undefined {
  if (!('Err' in result) || caller !== governance) return undefined;
  return `${action} failed: ${describeError(result.Err)}`;
}
