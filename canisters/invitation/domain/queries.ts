import { checkPage, type Page, type PageRequest } from '../../shared/domain/paging.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { findNomination, metaCell, type InvitationStores } from './stores.ts';
import type { Nomination, NominationStatus } from './types.ts';

export interface ListFilter {
  page: PageRequest;
  status: NominationStatus | undefined;
  nominator: PrincipalText | undefined;
}

/**
 * Nominations in id order. Unfiltered and Open-only listings read an index page directly; other
 * filters scan all nominations (fine at the scale of an invitation process: a few per provider).
 */
export function listNominations(stores: InvitationStores, filter: ListFilter): Result<Page<Nomination>> {
  const checked = checkPage(filter.page);
  if ('Err' in checked) return checked;
  const { offset, limit } = checked.Ok;
  if (filter.nominator === undefined && filter.status === undefined) {
    return ok({
      items: stores.nominations.entries(offset, limit).map(([, n]) => n),
      total: BigInt(stores.nominations.size()),
    });
  }
  if (filter.nominator === undefined && filter.status === 'Open') {
    const items = stores.openIds.entries(offset, limit).map(([, id]) => findNomination(stores, id) as Nomination);
    return ok({ items, total: BigInt(stores.openIds.size()) });
  }
  const matching = stores.nominations
    .entries()
    .map(([, n]) => n)
    .filter(
      (n) =>
        (filter.status === undefined || n.status === filter.status) &&
        (filter.nominator === undefined || n.nominator === filter.nominator),
    );
  return ok({ items: matching.slice(offset, offset + limit), total: BigInt(matching.length) });
}

export interface InvitationStats {
  total: bigint;
  open: bigint;
  admitted: bigint;
  rejected: bigint;
  withdrawn: bigint;
  expired: bigint;
  last_reconcile_at: bigint;
}

export function stats(stores: InvitationStores): InvitationStats {
  const { counts, next_id, last_reconcile_at } = metaCell(stores).get();
  return {
    total: next_id - 1n,
    open: counts.Open,
    admitted: counts.Admitted,
    rejected: counts.Rejected,
    withdrawn: counts.Withdrawn,
    expired: counts.Expired,
    last_reconcile_at,
  };
}
