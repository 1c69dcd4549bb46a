import { idKey } from '../../shared/domain/keys.ts';
import { Cell, type Store } from '../../shared/domain/store.ts';
import type { Params } from './params.ts';
import type { GenericFunction, Neuron, PrincipalText, ProposalData } from './types.ts';

export interface Metadata {
  name?: string;
  description?: string;
  url?: string;
  logo?: string;
}

/** What init fixes for the canister's life. */
export interface Config {
  params: Params;
  metadata: Metadata;
  /** Canisters generic functions may not target besides this one and ic00 (root, ledger, swap, NNS ledger). */
  reserved_canisters: PrincipalText[];
  genesis_timestamp_seconds: bigint;
}

/** A removed generic function leaves its id reserved for good (NERVOUS_SYSTEM_FUNCTION_DELETION_MARKER). */
export type FunctionEntry = { Generic: GenericFunction } | { Removed: bigint };

export interface Counters {
  next_proposal_id: bigint;
}

export interface GovernanceStores {
  config: Store<Config>;
  counters: Store<Counters>;
  neurons: Store<Neuron>;
  proposals: Store<ProposalData>;
  functions: Store<FunctionEntry>;
  /** The module of each open or adopted UpgradeSnsControlledCanister proposal, removed once it is decided. */
  wasms: Store<Uint8Array>;
}

export const configCell = (s: GovernanceStores) =>
  new Cell<Config>(s.config, () => {
    throw new Error('sns_governance is not initialized');
  });

export const countersCell = (s: GovernanceStores) => new Cell<Counters>(s.counters, () => ({ next_proposal_id: 1n }));

export const proposalKey = idKey;
export const functionKey = idKey;

export function allProposals(s: GovernanceStores): ProposalData[] {
  return s.proposals.entries().map(([, p]) => p);
}

export function allNeurons(s: GovernanceStores): Neuron[] {
  return s.neurons.entries().map(([, n]) => n);
}

export function genericFunction(s: GovernanceStores, id: bigint): GenericFunction | undefined {
  const entry = s.functions.get(functionKey(id));
  return entry && 'Generic' in entry ? entry.Generic : undefined;
}
