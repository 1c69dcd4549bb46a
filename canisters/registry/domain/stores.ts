import { Cell, type Store } from '../../shared/domain/store.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { RegistryParams } from './params.ts';
import type { Contributor, MembershipUpdate, NodeProvider, RegistryEvent, WorkerKey } from './types.ts';

/** Configuration and counters, kept as one value under a fixed key. */
export interface RegistryMeta {
  governance: PrincipalText;
  invitation: PrincipalText;
  queue: PrincipalText;
  params: RegistryParams;
  /** Highest membership seq ever issued; survives outbox deletions so seqs never repeat. */
  last_membership_seq: bigint;
}

/** Keys: principal text for nodeProviders, contributors and workerKeys; idKey(seq) for events and outbox. */
export interface RegistryStores {
  meta: Store<RegistryMeta>;
  nodeProviders: Store<NodeProvider>;
  contributors: Store<Contributor>;
  workerKeys: Store<WorkerKey>;
  events: Store<RegistryEvent>;
  outbox: Store<MembershipUpdate>;
}

export function metaCell(stores: RegistryStores): Cell<RegistryMeta> {
  return new Cell(stores.meta, () => {
    throw new Error('registry is not initialized');
  });
}

export const readMeta = (stores: RegistryStores): RegistryMeta => metaCell(stores).get();
