/**
 * Typed errors shared by every Gatehouse canister. The shape is the Candid variant itself
 * (see ../interface.ts), so the domain's errors reach clients without translation.
 */
export type GatehouseError =
  | { Unauthorized: string }
  | { InvalidInput: string }
  | { NotFound: string }
  | { Conflict: string }
  | { LimitExceeded: string }
  | { Unavailable: string };

export type Result<T> = { Ok: T } | { Err: GatehouseError };

export const ok = <T>(value: T): { Ok: T } => ({ Ok: value });
export const err = (error: GatehouseError): { Err: GatehouseError } => ({ Err: error });

export const unauthorized = (message: string) => err({ Unauthorized: message });
export const invalidInput = (message: string) => err({ InvalidInput: message });
export const notFound = (message: string) => err({ NotFound: message });
export const conflict = (message: string) => err({ Conflict: message });
export const limitExceeded = (message: string) => err({ LimitExceeded: message });
export const unavailable = (message: string) => err({ Unavailable: message });

export function isOk<T>(result: Result<T>): result is { Ok: T } {
  return 'Ok' in result;
}

/** One-line description of an error, e.g. for a governance validator's Err text. */
export function describeError(error: GatehouseError): string {
  const [kind, message] = Object.entries(error)[0] as [string, string];
  return `${kind}: ${message}`;
}

/** The answer SNS governance expects from a generic function validator. */
export type ValidationResult = { Ok: string } | { Err: string };

export function toValidation(result: Result<string>): ValidationResult {
  return isOk(result) ? { Ok: result.Ok } : { Err: describeError(result.Err) };
}
