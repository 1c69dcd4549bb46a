import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { callerIsGovernance } from '../../shared/domain/guards.ts';
import { checkParams, renderParams, type InvitationParams } from './params.ts';
import { paramsCell, readConfig, type InvitationStores } from './stores.ts';

/** validate_set_params: deterministic, changes nothing. */
export function validateSetParams(stores: InvitationStores, params: InvitationParams): Result<string> {
  const invalid = checkParams(params);
  if (invalid) return invalid;
  return ok(`Set invitation params from { ${renderParams(paramsCell(stores).get())} } to { ${renderParams(params)} }`);
}

/** Open nominations keep the expiry they were given; a new TTL applies to new nominations. */
export function setParams(stores: InvitationStores, caller: PrincipalText, params: InvitationParams): Result<null> {
  const denied = callerIsGovernance(caller, readConfig(stores).governance);
  if (denied) return denied;
  const invalid = checkParams(params);
  if (invalid) return invalid;
  paramsCell(stores).set(params);
  return ok(null);
}
