import { CallRejectedError, RejectCode } from '../../localnet/src/index.ts';

/**
 * A call's outcome as a short code: `ok` (an Ok reply), an Err variant's code, `VE` (a validator's
 * Err text) or `R` (the call was rejected because the canister trapped).
 */
export const OUTCOMES = {
  ok: 'Ok reply',
  U: 'Err Unauthorized',
  IN: 'Err InvalidInput',
  NF: 'Err NotFound',
  CF: 'Err Conflict',
  LE: 'Err LimitExceeded',
  UA: 'Err Unavailable',
  VE: 'validator Err text',
  R: 'rejected: the canister trapped',
  IR: 'refused by canister_inspect_message before the call (ingress only)',
} as const;
export type Outcome = keyof typeof OUTCOMES;

const ERR_CODES: Record<string, Outcome> = {
  Unauthorized: 'U',
  InvalidInput: 'IN',
  NotFound: 'NF',
  Conflict: 'CF',
  LimitExceeded: 'LE',
  Unavailable: 'UA',
};

export async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  let reply: unknown;
  try {
    reply = await call;
  } catch (error) {
    if (error instanceof CallRejectedError && error.reject.code === RejectCode.CANISTER_ERROR) return 'R';
    if (error instanceof CallRejectedError && error.reject.errorCode === 'IC0406') return 'IR';
    throw error;
  }
  if (typeof reply !== 'object' || reply === null) return 'ok';
  // A record of results (complete_and_lease): ok when any part is Ok, else the first part's Err.
  const parts = Object.values(reply);
  if (!('Err' in reply) && !('Ok' in reply) && parts.length > 0 && parts.every(isResult))
    return parts.some((part) => 'Ok' in part) ? 'ok' : errCode((parts[0] as { Err: unknown }).Err);
  return 'Err' in reply ? errCode((reply as { Err: unknown }).Err) : 'ok';
}

const isResult = (value: unknown): value is { Ok: unknown } | { Err: unknown } =>
  typeof value === 'object' && value !== null && ('Ok' in value || 'Err' in value);

function errCode(err: unknown): Outcome {
  if (typeof err === 'string') return 'VE';
  const code = ERR_CODES[Object.keys(err as object)[0] ?? ''];
  if (!code) throw new Error(`unknown Err variant ${Object.keys(err as object).join()}`);
  return code;
}
