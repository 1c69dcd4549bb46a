import { invalidInput, type GatehouseError } from '../../shared/domain/result.ts';

export const MAX_MODELS = 32;
export const MAX_MODEL_NAME_BYTES = 64;

/** Fixed limits that are not governance-tunable. */
export const LIMITS = {
  /** Membership updates per apply_membership call. */
  membershipBatch: 256,
  /** Leases one expiry pass (timer tick or expire_leases call) handles. */
  expireBatch: 100,
  /** Finished jobs one pruning pass deletes. */
  pruneBatch: 100,
  /** Seconds between expiry timer ticks. */
  expiryIntervalSeconds: 5,
  /** Workers listed with labels in /metrics. */
  metricsWorkers: 100,
  /** heartbeat's version text, UTF-8 bytes. */
  versionBytes: 64,
} as const;

const utf8 = new TextEncoder();

export function checkModelNames(field: string, models: string[]): { Err: GatehouseError } | undefined {
  if (models.length > MAX_MODELS)
    return invalidInput(`${field} has ${models.length} entries; the limit is ${MAX_MODELS}`);
  for (const model of models) {
    const bytes = utf8.encode(model).length;
    if (model.trim().length === 0 || bytes > MAX_MODEL_NAME_BYTES) {
      return invalidInput(`${field}: model names must be 1..${MAX_MODEL_NAME_BYTES} bytes`);
    }
  }
  return undefined;
}
