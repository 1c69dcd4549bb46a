import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { metaCell, type RegistryStores } from './stores.ts';
import type { MembershipUpdate } from './types.ts';

/** Batches sent to queue.apply_membership are at most this long. */
export const MAX_MEMBERSHIP_BATCH = 100;

/**
 * Records a change of a worker key's effective activity for the queue. Seqs start at 1 and grow by
 * one, so the queue can tell a retry (a seq it holds) from a gap (a seq it never saw).
 */
export function enqueueMembership(
  stores: RegistryStores,
  worker: PrincipalText,
  contributor: PrincipalText,
  active: boolean,
): MembershipUpdate {
  const cell = metaCell(stores);
  const meta = cell.get();
  const seq = meta.last_membership_seq + 1n;
  cell.set({ ...meta, last_membership_seq: seq });
  const update = { seq, worker, contributor, active };
  stores.outbox.set(idKey(seq), update);
  return update;
}

/**
 * Replaces the outbox with the full set of bound keys and their activity (suspended contributors'
 * keys inactive), as fresh seqs from..to of `epoch`: what the queue needs after a reinstall, a restore
 * or a gap. Older pending updates are superseded. One pass over the keys, bounded by
 * max_contributors × max_worker_keys.
 */
export function startSnapshot(stores: RegistryStores, epoch: bigint): { from: bigint; to: bigint } {
  for (;;) {
    const stale = stores.outbox.entries(0, MAX_MEMBERSHIP_BATCH);
    if (stale.length === 0) break;
    for (const [key] of stale) stores.outbox.delete(key);
  }
  const cell = metaCell(stores);
  const meta = cell.get();
  const from = meta.last_membership_seq + 1n;
  let seq = meta.last_membership_seq;
  for (const [, { key, contributor }] of stores.workerKeys.entries()) {
    seq += 1n;
    const active = stores.contributors.get(contributor)?.status === 'Active';
    stores.outbox.set(idKey(seq), { seq, worker: key, contributor, active });
  }
  const snapshot = { from, to: seq };
  cell.set({ ...meta, last_membership_seq: seq, membership_epoch: epoch, snapshot });
  return snapshot;
}

/** The oldest pending updates, in seq order. */
export function takeMembershipBatch(stores: RegistryStores, max = MAX_MEMBERSHIP_BATCH): MembershipUpdate[] {
  return stores.outbox.entries(0, Math.max(0, Math.min(max, MAX_MEMBERSHIP_BATCH))).map(([, update]) => update);
}

/** Deletes every pending update with seq <= upTo, after the queue acknowledged them. Returns how many. */
export function acknowledgeMembership(stores: RegistryStores, upTo: bigint): number {
  let deleted = 0;
  for (;;) {
    const batch = stores.outbox.entries(0, MAX_MEMBERSHIP_BATCH);
    const done = batch.filter(([, update]) => update.seq <= upTo);
    for (const [key] of done) stores.outbox.delete(key);
    deleted += done.length;
    if (done.length < batch.length || batch.length === 0) return deleted;
  }
}
