import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, ok, type Result } from '../../shared/domain/result.ts';
import { callerIsGovernance } from '../../shared/domain/guards.ts';
import { validatorCaller, type RateWindow } from '../../shared/domain/rate-window.ts';
import { checkParams, renderParams, sameParams, type InvitationParams } from './params.ts';
import { paramsCell, readConfig, type InvitationStores } from './stores.ts';

/**
 * A set_params proposal: the params it replaces and the new ones. Two proposals made from the same
 * params cannot both execute, so an adopted proposal never silently reverts another one.
 */
export interface SetInvitationParams {
  expected: InvitationParams;
  params: InvitationParams;
}

/** What validate and execute both check; Ok is the text voters read. */
function plan(stores: InvitationStores, { expected, params }: SetInvitationParams): Result<string> {
  const invalid = checkParams(params);
  if (invalid) return invalid;
  const current = paramsCell(stores).get();
  if (!sameParams(expected, current)) {
    return conflict(
      `the params changed since this proposal was made: they are { ${renderParams(current)} }; propose again from them`,
    );
  }
  if (sameParams(params, current)) return conflict('the proposed params equal the current ones');
  return ok(`Set invitation params from { ${renderParams(current)} } to { ${renderParams(params)} }`);
}

/** validate_set_params: deterministic, changes nothing; answers governance, others within the budget. */
export const validateSetParams = (
  stores: InvitationStores,
  caller: PrincipalText,
  now: bigint,
  window: RateWindow,
  args: SetInvitationParams,
): Result<string> => validatorCaller(caller, readConfig(stores).governance, window, now) ?? plan(stores, args);

/** Open nominations keep the expiry they were given; a new TTL applies to new nominations. */
export function setParams(stores: InvitationStores, caller: PrincipalText, args: SetInvitationParams): Result<null> {
  const denied = callerIsGovernance(caller, readConfig(stores).governance);
  if (denied) return denied;
  const planned = plan(stores, args);
  if ('Err' in planned) return planned;
  paramsCell(stores).set(args.params);
  return ok(null);
}
