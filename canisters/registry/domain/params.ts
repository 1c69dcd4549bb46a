import { ok, type Result } from '../../shared/domain/result.ts';
import { checkRanges } from '../../shared/domain/validate.ts';

/** Bounds on everything a caller of the registry controls. Governance can change them with set_params. */
export interface RegistryParams {
  /** Worker keys one contributor may bind at a time. */
  max_worker_keys: number;
  /** Model names one contributor may declare. */
  max_models: number;
  max_model_name_bytes: number;
  max_display_name_bytes: number;
  /** Governance reasons (suspend, reinstate, remove) and other free text. */
  max_reason_bytes: number;
  /** gpu and region texts of a hardware profile. */
  max_hardware_text_bytes: number;
  /** Node provider records, active or not. */
  max_node_providers: number;
  /** Contributor records, removed ones included. */
  max_contributors: number;
  /** offer_worker_key calls per contributor per day (unbinds are bounded by binds, and must stay free). */
  max_key_binds_per_day: number;
}

export const DEFAULT_PARAMS: RegistryParams = {
  max_worker_keys: 8,
  max_models: 16,
  max_model_name_bytes: 128,
  max_display_name_bytes: 64,
  max_reason_bytes: 1024,
  max_hardware_text_bytes: 64,
  max_node_providers: 100,
  max_contributors: 10_000,
  max_key_binds_per_day: 48,
};

/** Inclusive ranges set_params accepts; the ceilings keep records and messages well inside IC limits. */
export const PARAM_RANGES: Record<keyof RegistryParams, [number, number]> = {
  max_worker_keys: [1, 64],
  max_models: [1, 64],
  max_model_name_bytes: [8, 512],
  max_display_name_bytes: [8, 256],
  max_reason_bytes: [16, 4096],
  max_hardware_text_bytes: [8, 256],
  max_node_providers: [1, 1000],
  max_contributors: [1, 100_000],
  max_key_binds_per_day: [1, 1000],
};

export function checkParams(params: RegistryParams): Result<RegistryParams> {
  return checkRanges(params, PARAM_RANGES) ?? ok(params);
}

/** "max_models 16 -> 32, ..." for the fields that differ, or "no change". */
export function describeParamChanges(before: RegistryParams, after: RegistryParams): string {
  const changes = (Object.keys(PARAM_RANGES) as Array<keyof RegistryParams>)
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name]} -> ${after[name]}`);
  return changes.length === 0 ? 'no change' : changes.join(', ');
}
