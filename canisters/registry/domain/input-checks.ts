import { principalProblem, type PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, type GatehouseError } from '../../shared/domain/result.ts';
import { checkCount, checkSafeText, firstError } from '../../shared/domain/validate.ts';
import type { RegistryParams } from './params.ts';
import type { HardwareProfile } from './types.ts';

type Check = { Err: GatehouseError } | undefined;

/** Every principal the registry stores: not anonymous, not longer than the IC's principals. */
export function checkPrincipal(field: string, principal: PrincipalText): Check {
  const problem = principalProblem(principal);
  return problem === undefined ? undefined : invalidInput(`${field} ${problem}`);
}

export function checkDisplayName(params: RegistryParams, name: string): Check {
  return checkSafeText('display_name', name, params.max_display_name_bytes);
}

export function checkReason(params: RegistryParams, reason: string): Check {
  return checkSafeText('reason', reason, params.max_reason_bytes);
}

/** gpu may be empty (CPU-only hosts); region and at least one core and GiB of RAM are required. */
export function checkHardware(params: RegistryParams, hardware: HardwareProfile): Check {
  return firstError(
    checkSafeText('hardware.gpu', hardware.gpu, params.max_hardware_text_bytes, { required: false }),
    checkSafeText('hardware.region', hardware.region, params.max_hardware_text_bytes),
    hardware.cpu_cores < 1 ? invalidInput('hardware.cpu_cores must be at least 1') : undefined,
    hardware.ram_gib < 1 ? invalidInput('hardware.ram_gib must be at least 1') : undefined,
  );
}

export function checkModels(params: RegistryParams, models: string[]): Check {
  const countError = checkCount('models', models.length, params.max_models);
  if (countError) return countError;
  for (const model of models) {
    const error = checkSafeText('model name', model, params.max_model_name_bytes);
    if (error) return error;
  }
  return new Set(models).size === models.length ? undefined : invalidInput('models must not repeat');
}
