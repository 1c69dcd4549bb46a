import { describeError, type Result } from '../../shared/domain/result.ts';
import { acknowledgeMembership, takeMembershipBatch } from './outbox.ts';
import type { RegistryStores } from './stores.ts';
import type { MembershipUpdate } from './types.ts';

/** Sends one batch to queue.apply_membership; a thrown error is a failed call. */
export type SendMembership = (batch: MembershipUpdate[]) => Promise<Result<bigint>>;

export interface PushReport {
  delivered: number;
  failure: string | undefined;
}

/** Per run, so one push cannot use up a message's instruction budget; the timer does the rest. */
export const MAX_PUSH_ROUNDS = 10;

/**
 * Sends the outbox oldest-first in batches and deletes a batch only after the queue replied Ok.
 * On any failure the batch stays, in order, for the next run. Entries appended while a call is in
 * flight have higher seqs than the batch, so acknowledging the batch never deletes them.
 */
export async function pushMembership(
  stores: RegistryStores,
  send: SendMembership,
  maxRounds = MAX_PUSH_ROUNDS,
): Promise<PushReport> {
  let delivered = 0;
  for (let round = 0; round < maxRounds; round++) {
    const batch = takeMembershipBatch(stores);
    const last = batch.at(-1);
    if (last === undefined) break;
    let reply: Result<bigint>;
    try {
      reply = await send(batch);
    } catch (error) {
      return { delivered, failure: `apply_membership call failed: ${describeThrown(error)}` };
    }
    if ('Err' in reply) return { delivered, failure: `apply_membership refused: ${describeError(reply.Err)}` };
    delivered += acknowledgeMembership(stores, last.seq);
  }
  return { delivered, failure: undefined };
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  } catch {
    return String(error);
  }
}
