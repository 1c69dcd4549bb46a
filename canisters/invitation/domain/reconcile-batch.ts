import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { RECONCILE_BATCH } from './params.ts';
import type { ReconcileAction } from './reconcile.ts';
import { findNomination, metaCell, type InvitationStores } from './stores.ts';
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

export function canReconcile(caller: PrincipalText): Result<null> {
  return callerIsSignedIn(caller, 'trigger reconcile') ?? ok(null);
}

/**
 * The next batch of Open nominations to look at, rotating through all of them across runs so
 * each run's work (and governance calls) stays bounded. Call finishBatch when done.
 */
export function nextBatch(
  stores: InvitationStores,
  now: bigint,
  size = RECONCILE_BATCH,
): { start: number; batch: Nomination[] } {
  const meta = metaCell(stores);
  const m = meta.get();
  const start = m.reconcile_cursor < stores.openIds.size() ? m.reconcile_cursor : 0;
  meta.set({ ...m, last_reconcile_at: now });
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
