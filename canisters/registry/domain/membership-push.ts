import type { MembershipAck, MembershipBatch } from '../../queue/domain/membership.ts';
import { describeError, type Result } from '../../shared/domain/result.ts';
import { appendEvent } from './events.ts';
import { acknowledgeMembership, MAX_MEMBERSHIP_BATCH, startSnapshot, takeMembershipBatch } from './outbox.ts';
import { metaCell, readMeta, type RegistryStores } from './stores.ts';

/** The IC's reject for calls to a stopped or stopping canister (IC0508 / IC0509). */
const QUEUE_STOPPED = /\bis stopp(ed|ing)\b/;

/** Sends one batch to queue.apply_membership; a thrown error is a failed call (a trap, or no queue). */
export type SendMembership = (batch: MembershipBatch) => Promise<Result<MembershipAck>>;

export interface PushReport {
  delivered: number;
  failure: string | undefined;
}

/** Per run, so one push cannot use up a message's instruction budget; the timer does the rest. */
export const MAX_PUSH_ROUNDS = 10;

/**
 * Sends the outbox oldest-first and deletes what the queue acknowledges (its ack names the last seq it
 * holds). An empty outbox still sends an empty batch: the ack shows whether the queue is where the
 * registry thinks it is. When it is not (the queue was reinstalled or restored, or missed seqs), or when
 * it is ahead (this registry was restored), a full snapshot replaces the outbox. A call that fails
 * halves the batch; a single update the queue cannot apply while an empty batch goes through is skipped
 * with an event, so no batch is retried unchanged forever. `now` names a new epoch after a restore.
 */
export async function pushMembership(
  stores: RegistryStores,
  send: SendMembership,
  now: bigint,
  maxRounds = MAX_PUSH_ROUNDS,
): Promise<PushReport> {
  let delivered = 0;
  for (let round = 0; round < maxRounds; round++) {
    const meta = readMeta(stores);
    const updates = takeMembershipBatch(stores, meta.push_limit ?? MAX_MEMBERSHIP_BATCH);
    if (updates.length === 0 && round > 0) break;
    const batch: MembershipBatch = {
      epoch: meta.membership_epoch ?? 0n,
      snapshot: meta.snapshot,
      skip: meta.skip,
      updates,
    };
    let reply: Result<MembershipAck>;
    try {
      reply = await send(batch);
    } catch (error) {
      const failure = `apply_membership call failed: ${describeThrown(error)}`;
      if (updates.length > 1) {
        setPushLimit(stores, Math.ceil(updates.length / 2));
        continue;
      }
      // A stopped (or stopping) queue refuses every batch; the queue may be started again before the probe
      // below, which must then not skip an update it never looked at.
      if (updates.length === 1 && !QUEUE_STOPPED.test(failure) && (await reachable(send, batch))) {
        skip(stores, updates[0]!.seq, now, failure);
        continue;
      }
      return { delivered, failure };
    }
    if ('Err' in reply) return { delivered, failure: `apply_membership refused: ${describeError(reply.Err)}` };
    const ack = reply.Ok;
    const current = readMeta(stores);
    const restored = ack.epoch === current.membership_epoch && ack.seq > current.last_membership_seq;
    if (ack.snapshot_needed || restored) {
      const epoch = restored ? maxOf(now, (current.membership_epoch ?? 0n) + 1n) : (current.membership_epoch ?? 0n);
      startSnapshot(stores, epoch);
      continue;
    }
    delivered += acknowledgeMembership(stores, ack.seq);
    const done = (mark: bigint | undefined) => mark !== undefined && ack.seq >= mark;
    if (done(current.snapshot?.to) || done(current.skip)) {
      const latest = readMeta(stores);
      metaCell(stores).set({
        ...latest,
        snapshot: done(latest.snapshot?.to) ? undefined : latest.snapshot,
        skip: done(latest.skip) ? undefined : latest.skip,
      });
    }
    if (updates.length > 0)
      setPushLimit(stores, Math.min(MAX_MEMBERSHIP_BATCH, 2 * (meta.push_limit ?? MAX_MEMBERSHIP_BATCH)));
    if (updates.length === 0) break;
  }
  return { delivered, failure: undefined };
}

/** An empty batch goes through: the queue is up, so what fails is the one update itself. */
async function reachable(send: SendMembership, batch: MembershipBatch): Promise<boolean> {
  try {
    return 'Ok' in (await send({ ...batch, updates: [] }));
  } catch {
    return false;
  }
}

function skip(stores: RegistryStores, seq: bigint, now: bigint, failure: string): void {
  const update = takeMembershipBatch(stores, 1)[0];
  if (update === undefined || update.seq !== seq) return;
  acknowledgeMembership(stores, seq);
  const meta = readMeta(stores);
  metaCell(stores).set({ ...meta, skip: seq });
  const { queue } = meta;
  appendEvent(stores, {
    kind: 'MembershipSkipped',
    subject: update.worker,
    actor: queue,
    proposal_id: undefined,
    time: now,
    detail: `seq ${seq} (${update.active ? 'active' : 'inactive'}) skipped: ${failure}`,
  });
}

function setPushLimit(stores: RegistryStores, limit: number): void {
  const meta = readMeta(stores);
  if (meta.push_limit !== limit) metaCell(stores).set({ ...meta, push_limit: limit });
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);

function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  } catch {
    return String(error);
  }
}
