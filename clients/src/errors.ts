/**
 * The Gatehouse canisters answer user mistakes with `variant { Ok : T; Err : Error }`, Error being one of the
 * shared variants below with a text. The clients throw them as one error class: `kind` is the variant's name,
 * `message` the canister's text, `method` the call that was refused (e.g. `registry.bind_worker_key`).
 * Transport and replica failures (unreachable host, rejects, traps) stay the agent's own errors.
 */
export const GATEHOUSE_ERROR_KINDS = [
  'Unauthorized',
  'InvalidInput',
  'NotFound',
  'Conflict',
  'LimitExceeded',
  'Unavailable',
] as const;

export type GatehouseErrorKind = (typeof GATEHOUSE_ERROR_KINDS)[number];

/** The Candid error variant as it decodes: exactly one of the kinds, with its text. */
export type CandidGatehouseError = { [K in GatehouseErrorKind]: { [P in K]: string } }[GatehouseErrorKind];

export class GatehouseCanisterError extends Error {
  override readonly name = 'GatehouseCanisterError';
  constructor(
    readonly kind: GatehouseErrorKind,
    message: string,
    readonly method: string,
  ) {
    super(message);
  }
}

export const isGatehouseCanisterError = (error: unknown): error is GatehouseCanisterError =>
  error instanceof GatehouseCanisterError;

/** The error a canister's Err variant stands for. */
export function fromCandidError(error: CandidGatehouseError, method: string): GatehouseCanisterError {
  const [kind, message] = Object.entries(error)[0] as [GatehouseErrorKind, string];
  return new GatehouseCanisterError(kind, message, method);
}

/** The Ok value of a Gatehouse Result; its Err thrown as GatehouseCanisterError. */
export function unwrapResult<T>(result: { Ok: T } | { Err: CandidGatehouseError }, method: string): T {
  if ('Err' in result) throw fromCandidError(result.Err, method);
  return result.Ok;
}
