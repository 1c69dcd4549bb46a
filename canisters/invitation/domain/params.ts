import { type GatehouseError } from '../../shared/domain/result.ts';
import { checkRanges } from '../../shared/domain/validate.ts';

/** Limits governance may change with set_params. */
export interface InvitationParams {
  max_open_per_provider: number;
  nomination_ttl_seconds: bigint;
  max_display_name_bytes: number;
  max_motivation_bytes: number;
  max_models: number;
  reconcile_interval_seconds: bigint;
}

export const DAY_SECONDS = 86_400n;

export const DEFAULT_PARAMS: InvitationParams = {
  /** Open nominations one node provider may have at a time. */
  max_open_per_provider: 3,
  /** How long a nomination stays open without a live proposal: two weeks covers a normal SNS vote. */
  nomination_ttl_seconds: 14n * DAY_SECONDS,
  max_display_name_bytes: 64,
  max_motivation_bytes: 2048,
  max_models: 16,
  /** How often the timer expires nominations and reconciles linked proposals. */
  reconcile_interval_seconds: 600n,
};

/** Accepted ranges, inclusive. */
export const PARAM_RANGES = {
  max_open_per_provider: [1, 100],
  nomination_ttl_seconds: [DAY_SECONDS, 90n * DAY_SECONDS],
  max_display_name_bytes: [8, 256],
  max_motivation_bytes: [64, 16_384],
  max_models: [1, 64],
  reconcile_interval_seconds: [60n, DAY_SECONDS],
} as const;

/** Fixed limits (not governable): they only bound storage and rendering. */
export const MAX_MODEL_NAME_BYTES = 128;
export const MAX_HARDWARE_TEXT_BYTES = 64;
/** Open nominations one reconcile run looks at; each linked one costs a governance call. */
export const RECONCILE_BATCH = 20;

export function checkParams(params: InvitationParams): { Err: GatehouseError } | undefined {
  return checkRanges(params, PARAM_RANGES);
}

/** Fields in one fixed order, whatever order a decoded Candid record brings them in. */
const FIELDS = Object.keys(PARAM_RANGES) as Array<keyof InvitationParams>;

export function renderParams(params: InvitationParams): string {
  return FIELDS.map((field) => `${field} = ${params[field]}`).join(', ');
}

export const sameParams = (a: InvitationParams, b: InvitationParams): boolean =>
  FIELDS.every((field) => a[field] === b[field]);
