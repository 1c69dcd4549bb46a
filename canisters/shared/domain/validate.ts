import { invalidInput, limitExceeded, type GatehouseError } from './result.ts';

/** Checks a caller-supplied text: trimmed non-empty (when required) and at most `max` UTF-8 bytes. */
export function checkText(
  field: string,
  value: string,
  max: number,
  { required = true } = {},
): { Err: GatehouseError } | undefined {
  if (required && value.trim().length === 0) return invalidInput(`${field} must not be empty`);
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > max) return limitExceeded(`${field} is ${bytes} bytes; the limit is ${max}`);
  return undefined;
}

/** Checks a caller-supplied list length. */
export function checkCount(field: string, count: number, max: number): { Err: GatehouseError } | undefined {
  return count > max ? limitExceeded(`${field} has ${count} entries; the limit is ${max}`) : undefined;
}

/** First error among several checks, or undefined when all passed. */
export function firstError(...checks: Array<{ Err: GatehouseError } | undefined>): { Err: GatehouseError } | undefined {
  return checks.find((check) => check !== undefined);
}

/**
 * Checks each field named in `ranges` lies within its inclusive [min, max] (integers only). Every
 * canister's governable parameters are validated this way, so a proposal's error reads the same everywhere.
 */
export function checkRanges<P extends object>(
  params: P,
  ranges: { readonly [K in keyof P]?: readonly [number, number] | readonly [bigint, bigint] },
): { Err: GatehouseError } | undefined {
  for (const [field, range] of Object.entries(ranges) as Array<[string, readonly [number | bigint, number | bigint]]>) {
    const value = (params as Record<string, unknown>)[field];
    const [min, max] = range;
    const integral = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    if (!integral || (value as number | bigint) < min || (value as number | bigint) > max) {
      return invalidInput(`${field} is ${String(value)}; it must be between ${min} and ${max}`);
    }
  }
  return undefined;
}
