import { isAnonymous, type PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkParams, DEFAULT_PARAMS, type InvitationParams } from './params.ts';
import { governanceAfterUpgrade, type UpgradeArgs } from '../../shared/domain/upgrade.ts';
import { paramsCell, readConfig, type InvitationStores } from './stores.ts';
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

/** post_upgrade: re-points governance when the upgrade names one; Err (the upgrade must trap) changes nothing. */
export function upgradeInvitation(
  stores: InvitationStores,
  args: UpgradeArgs | undefined,
  self: PrincipalText,
): Result<null> {
  const config = readConfig(stores);
  const governance = governanceAfterUpgrade(config.governance, args, [self, config.registry]);
  if ('Err' in governance) return governance;
  stores.config.set('cell', { ...config, governance: governance.Ok });
  return ok(null);
}
