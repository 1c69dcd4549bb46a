import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, toValidation, type Result, type ValidationResult } from '../../shared/domain/result.ts';
import { callerIsGovernance } from '../../shared/domain/guards.ts';
import { validatorCaller, type RateWindow } from '../../shared/domain/rate-window.ts';
import { readMeta, type RegistryStores } from './stores.ts';

/**
 * A governance-only mutation. `plan` checks the payload against the current state and renders what
 * `apply` will do; the validator and the execution share it, so what voters read is what happens.
 */
export interface GovernanceAction<P> {
  plan(stores: RegistryStores, payload: P): Result<string>;
  /** Only called after `plan` returned Ok for the same state. */
  apply(stores: RegistryStores, caller: PrincipalText, now: bigint, payload: P): void;
}

export function validateAction<P>(action: GovernanceAction<P>, stores: RegistryStores, payload: P): ValidationResult {
  return toValidation(action.plan(stores, payload));
}

/**
 * A validator as the canister serves it: SNS governance always gets the plan; other signed-in callers
 * (a CLI previewing a payload) within the window's budget, so strangers cannot make the registry work
 * without bound.
 */
export function validateFor<P>(
  action: GovernanceAction<P>,
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  window: RateWindow,
  payload: P,
): ValidationResult {
  const denied = validatorCaller(caller, readMeta(stores).governance, window, now);
  return denied ? toValidation(denied) : validateAction(action, stores, payload);
}

export function executeAction<P>(
  action: GovernanceAction<P>,
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  payload: P,
): Result<null> {
  const denied = callerIsGovernance(caller, readMeta(stores).governance);
  if (denied) return denied;
  const planned = action.plan(stores, payload);
  if ('Err' in planned) return planned;
  action.apply(stores, caller, now, payload);
  return ok(null);
}
