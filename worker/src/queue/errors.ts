import type { GatehouseCanisterError, GatehouseErrorKind } from '@gatehouse/clients';

/**
 * What went wrong talking to the queue. The canister's typed errors keep their variant; `network`
 * (unreachable, HTTP 5xx/429, timeouts) and `unavailable` are transient and worth retrying;
 * `rejected` is a trap or a refused request that retrying will not fix.
 */
export type QueueErrorKind =
  | 'unauthorized'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'limit-exceeded'
  | 'unavailable'
  | 'network'
  | 'rejected';

export class QueueError extends Error {
  override readonly name = 'QueueError';
  constructor(
    readonly kind: QueueErrorKind,
    message: string,
  ) {
    super(message);
  }
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'unavailable';
  }
  /** The lease is no longer ours: expired, taken over, or the job finished elsewhere. */
  get leaseLost(): boolean {
    return this.kind === 'conflict' || this.kind === 'not-found';
  }
}

const KINDS: Record<GatehouseErrorKind, QueueErrorKind> = {
  Unauthorized: 'unauthorized',
  InvalidInput: 'invalid-input',
  NotFound: 'not-found',
  Conflict: 'conflict',
  LimitExceeded: 'limit-exceeded',
  Unavailable: 'unavailable',
};

/** A canister's typed refusal (its Err variant) as a QueueError of the matching kind. */
export function fromCanisterError(error: GatehouseCanisterError): QueueError {
  return new QueueError(KINDS[error.kind] ?? 'rejected', error.message);
}

export const isQueueError = (error: unknown): error is QueueError => error instanceof QueueError;

/** Any thrown value as a QueueError (unknown errors count as `rejected`). */
export function asQueueError(error: unknown): QueueError {
  if (error instanceof QueueError) return error;
  return new QueueError('rejected', error instanceof Error ? error.message : String(error));
}
