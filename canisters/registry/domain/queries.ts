import { newestPageOf, pageOf, type Page, type PageRequest } from '../../shared/domain/paging.ts';
import type { Result } from '../../shared/domain/result.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { Contributor, MembershipUpdate, NodeProvider, RegistryEvent } from './types.ts';

export const getContributor = (stores: RegistryStores, id: PrincipalText): Contributor | undefined =>
  stores.contributors.get(id);

export const listContributors = (stores: RegistryStores, page: PageRequest): Result<Page<Contributor>> =>
  pageOf(stores.contributors, page, (c) => c);

export const listNodeProviders = (stores: RegistryStores, page: PageRequest): Result<Page<NodeProvider>> =>
  pageOf(stores.nodeProviders, page, (p) => p);

/** Oldest first. */
export const listEvents = (stores: RegistryStores, page: PageRequest): Result<Page<RegistryEvent>> =>
  pageOf(stores.events, page, (e) => e);

/** Newest first, reading only the page (the log is append-only, keyed by its dense seq). */
export const listRecentEvents = (stores: RegistryStores, page: PageRequest): Result<Page<RegistryEvent>> =>
  newestPageOf(stores.events, page, (e) => e);

export const listMembershipOutbox = (stores: RegistryStores, page: PageRequest): Result<Page<MembershipUpdate>> =>
  pageOf(stores.outbox, page, (u) => u);

export interface RegistryStats {
  contributors: bigint;
  active_contributors: bigint;
  suspended_contributors: bigint;
  removed_contributors: bigint;
  node_providers: bigint;
  active_node_providers: bigint;
  worker_keys: bigint;
  events: bigint;
  pending_membership_updates: bigint;
  last_membership_seq: bigint;
}

/** Contributor counts come from the sponsors' figures: every contributor has exactly one sponsor record. */
export function stats(stores: RegistryStores): RegistryStats {
  const providers = stores.nodeProviders.entries().map(([, p]) => p);
  const sum = (pick: (p: NodeProvider) => number) => BigInt(providers.reduce((total, p) => total + pick(p), 0));
  return {
    contributors: BigInt(stores.contributors.size()),
    active_contributors: sum((p) => p.sponsored_active),
    suspended_contributors: sum((p) => p.sponsored_suspended),
    removed_contributors: sum((p) => p.sponsored_removed),
    node_providers: BigInt(providers.length),
    active_node_providers: BigInt(providers.filter((p) => p.active).length),
    worker_keys: BigInt(stores.workerKeys.size()),
    events: BigInt(stores.events.size()),
    pending_membership_updates: BigInt(stores.outbox.size()),
    last_membership_seq: readMeta(stores).last_membership_seq,
  };
}
