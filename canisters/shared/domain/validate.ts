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
export function firstError(
  ...checks: Array<{ Err: GatehouseError } | undefined>
): { Err: GatehouseError } | undefined {
  return checks.find((check) => check !== undefined);
}
