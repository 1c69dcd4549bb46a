import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { Cell, type Store } from '../../shared/domain/store.ts';
import { DEFAULT_PARAMS, type InvitationParams } from './params.ts';
import { NOMINATION_STATUSES, type InvitationConfig, type Nomination, type NominationStatus } from './types.ts';

/** Bookkeeping kept in one cell: id sequence, per-status counts, reconcile progress. */
export interface InvitationMeta {
  next_id: bigint;
  counts: Record<NominationStatus, bigint>;
  reconcile_cursor: number;
  last_reconcile_at: bigint;
  /** Last run a caller triggered (absent until one did). */
  manual_reconcile_at?: bigint;
  /** Version of the node-provider set the registry pushed last (absent until it did). */
  node_providers_version?: bigint;
}

export interface InvitationStores {
  config: Store<InvitationConfig>;
  params: Store<InvitationParams>;
  meta: Store<InvitationMeta>;
  nominations: Store<Nomination>;
  /** idKey(id) -> id of every Open nomination: what the timer walks and the Open listing reads. */
  openIds: Store<bigint>;
  /** candidate -> id of that candidate's Open nomination (at most one). */
  openByCandidate: Store<bigint>;
  /** nominator -> number of Open nominations (quota). */
  openCountByProvider: Store<number>;
  /** The registry's active node providers as it pushed them last (node-providers.ts); values carry nothing. */
  nodeProviders: Store<null>;
}

const emptyCounts = () =>
  Object.fromEntries(NOMINATION_STATUSES.map((status) => [status, 0n])) as Record<NominationStatus, bigint>;

export const metaCell = (stores: InvitationStores) =>
  new Cell(stores.meta, (): InvitationMeta => ({
    next_id: 1n,
    counts: emptyCounts(),
    reconcile_cursor: 0,
    last_reconcile_at: 0n,
  }));

export const paramsCell = (stores: InvitationStores) => new Cell(stores.params, () => DEFAULT_PARAMS);

export function readConfig(stores: InvitationStores): InvitationConfig {
  const config = stores.config.get('cell');
  if (config === undefined) throw new Error('invitation canister is not initialized');
  return config;
}

export const findNomination = (stores: InvitationStores, id: bigint) => stores.nominations.get(idKey(id));

export const openCount = (stores: InvitationStores, nominator: PrincipalText) =>
  stores.openCountByProvider.get(nominator) ?? 0;

/** Stores a new Open nomination and its index entries. */
export function insertOpen(stores: InvitationStores, nomination: Nomination): void {
  stores.nominations.set(idKey(nomination.id), nomination);
  stores.openIds.set(idKey(nomination.id), nomination.id);
  stores.openByCandidate.set(nomination.candidate, nomination.id);
  stores.openCountByProvider.set(nomination.nominator, openCount(stores, nomination.nominator) + 1);
  const meta = metaCell(stores);
  const m = meta.get();
  m.counts.Open += 1n;
  meta.set(m);
}

/** The one place a nomination changes status, so indexes and counters cannot drift. */
export function transition(
  stores: InvitationStores,
  nomination: Nomination,
  status: NominationStatus,
  now: bigint,
  reason: string | undefined,
): Nomination {
  const previous = nomination.status;
  const updated: Nomination = { ...nomination, status, updated_at: now, status_reason: reason };
  stores.nominations.set(idKey(nomination.id), updated);
  if (previous === status) return updated;
  if (previous === 'Open') {
    stores.openIds.delete(idKey(nomination.id));
    if (stores.openByCandidate.get(nomination.candidate) === nomination.id)
      stores.openByCandidate.delete(nomination.candidate);
    const count = openCount(stores, nomination.nominator) - 1;
    if (count > 0) stores.openCountByProvider.set(nomination.nominator, count);
    else stores.openCountByProvider.delete(nomination.nominator);
  }
  const meta = metaCell(stores);
  const m = meta.get();
  m.counts[previous] -= 1n;
  m.counts[status] += 1n;
  meta.set(m);
  return updated;
}

/** Saves a change that keeps the status (e.g. linking a proposal). */
export function update(stores: InvitationStores, nomination: Nomination, now: bigint): Nomination {
  const updated = { ...nomination, updated_at: now };
  stores.nominations.set(idKey(nomination.id), updated);
  return updated;
}
