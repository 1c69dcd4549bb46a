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
  /**
   * Names this registry's run of seqs for the queue: set at install, renewed when the queue turns out
   * to be ahead (a restore of the registry). Absent in state from before epochs: then 0.
   */
  membership_epoch?: bigint;
  /** The seqs of a full snapshot still being delivered to the queue. */
  snapshot?: { from: bigint; to: bigint };
  /** The seq skipped last (the queue could not apply it), until the queue has passed it. */
  skip?: bigint;
  /** Updates per push; halved while pushes fail (a batch that traps), doubled back after successes. */
  push_limit?: number;
  /** Bumped whenever the active node-provider set changes; absent in state from before the push: 0. */
  node_providers_version?: bigint;
  /** The version the invitation last acknowledged, and when (see node-provider-push.ts). */
  node_providers_pushed?: { version: bigint; at: bigint };
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
