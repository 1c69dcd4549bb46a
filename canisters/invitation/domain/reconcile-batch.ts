import type { PrincipalText } from '../../shared/domain/principal.ts';
import { limitExceeded, ok, unauthorized, type Result } from '../../shared/domain/result.ts';
import { RECONCILE_BATCH } from './params.ts';
import type { ReconcileAction } from './reconcile.ts';
import { findNomination, metaCell, openCount, type InvitationStores } from './stores.ts';
import type { Nomination } from './types.ts';

export interface ReconcileReport {
  examined: number;
  expired: number;
  rejected: number;
  unlinked: number;
  unresolved: number;
}

export const emptyReport = (): ReconcileReport => ({
  examined: 0,
  expired: 0,
  rejected: 0,
  unlinked: 0,
  unresolved: 0,
});

/** Manual runs at most this often (the timer's own runs do not count). */
export const MANUAL_RECONCILE_GAP_NS = 10_000_000_000n;

/**
 * A nominator with an open nomination may trigger a run (e.g. to see a rejection at once): a local check,
 * so strangers cannot make the canister spend cycles on governance calls, and at most one manual run per
 * MANUAL_RECONCILE_GAP_NS, so nominators cannot either.
 */
export function canReconcile(stores: InvitationStores, caller: PrincipalText, now: bigint): Result<null> {
  if (openCount(stores, caller) === 0) {
    return unauthorized('only a node provider with an open nomination can trigger reconcile');
  }
  const last = metaCell(stores).get().manual_reconcile_at ?? 0n;
  if (last !== 0n && now - last < MANUAL_RECONCILE_GAP_NS) {
    const wait = (MANUAL_RECONCILE_GAP_NS - (now - last) + 999_999_999n) / 1_000_000_000n;
    return limitExceeded(`a manual reconcile ran ${(now - last) / 1_000_000_000n} s ago; try again in ${wait} s`);
  }
  return ok(null);
}

/**
 * The next batch of Open nominations to look at, rotating through all of them across runs so
 * each run's work (and governance calls) stays bounded. Call finishBatch when done.
 */
export function nextBatch(
  stores: InvitationStores,
  now: bigint,
  manual: boolean,
  size = RECONCILE_BATCH,
): { start: number; batch: Nomination[] } {
  const meta = metaCell(stores);
  const m = meta.get();
  const start = m.reconcile_cursor < stores.openIds.size() ? m.reconcile_cursor : 0;
  meta.set({ ...m, last_reconcile_at: now, manual_reconcile_at: manual ? now : m.manual_reconcile_at });
  const batch = stores.openIds
    .entries(start, size)
    .map(([, id]) => findNomination(stores, id))
    .filter((n): n is Nomination => n !== undefined);
  return { start, batch };
}

/** Moves the cursor past the batch; nominations that left Open no longer occupy a position. */
export function finishBatch(stores: InvitationStores, start: number, examined: number, leftOpen: number): void {
  const meta = metaCell(stores);
  const m = meta.get();
  const next = start + examined - leftOpen;
  meta.set({ ...m, reconcile_cursor: next >= stores.openIds.size() ? 0 : next });
}

export function tally(report: ReconcileReport, action: ReconcileAction, applied: boolean): void {
  report.examined += 1;
  if (!applied) {
    if ('ExecutedStillOpen' in action) report.unresolved += 1;
    return;
  }
  if ('Expire' in action) report.expired += 1;
  if ('Reject' in action) report.rejected += 1;
  if ('Unlink' in action) report.unlinked += 1;
}
