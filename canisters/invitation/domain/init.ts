import { isAnonymous } from '../../shared/domain/principal.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkParams, DEFAULT_PARAMS, type InvitationParams } from './params.ts';
import { paramsCell, type InvitationStores } from './stores.ts';
import type { InvitationConfig } from './types.ts';

/** Generic nervous system function ids start at 1000 (SNS governance rule). */
export const MIN_GENERIC_FUNCTION_ID = 1000n;

export function initialize(
  stores: InvitationStores,
  config: InvitationConfig,
  params: InvitationParams | undefined,
): Result<null> {
  if (isAnonymous(config.governance) || isAnonymous(config.registry))
    return invalidInput('governance and registry must be real principals');
  if (config.admit_function_id < MIN_GENERIC_FUNCTION_ID) {
    return invalidInput(`admit_function_id ${config.admit_function_id} is below ${MIN_GENERIC_FUNCTION_ID}`);
  }
  const chosen = params ?? DEFAULT_PARAMS;
  const invalid = checkParams(chosen);
  if (invalid) return invalid;
  stores.config.set('cell', config);
  paramsCell(stores).set(chosen);
  return ok(null);
}
