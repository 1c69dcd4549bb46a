import type { PrincipalText } from '../../shared/domain/principal.ts';

/** The registry's records as the domain keeps them: principals as text, optional values as undefined. */

export type ContributorStatus = 'Active' | 'Suspended' | 'Removed';

export interface HardwareProfile {
  gpu: string;
  vram_gib: number;
  ram_gib: number;
  cpu_cores: number;
  region: string;
}

export interface NodeProvider {
  id: PrincipalText;
  display_name: string;
  active: boolean;
  added_at: bigint;
  updated_at: bigint;
  sponsored_active: number;
  sponsored_suspended: number;
  sponsored_removed: number;
}

export interface Contributor {
  id: PrincipalText;
  display_name: string;
  sponsor: PrincipalText;
  proposal_id: bigint;
  status: ContributorStatus;
  hardware: HardwareProfile;
  models: string[];
  worker_keys: PrincipalText[];
  admitted_at: bigint;
  updated_at: bigint;
  status_reason: string | undefined;
  /** Rate window for offer_worker_key, so one contributor cannot grow the event log and outbox without bound. */
  key_binds: { window_start: bigint; count: number };
  /** Keys offered and not yet accepted (bounded with worker_keys by max_worker_keys); absent in older records. */
  key_offers?: KeyOffer[];
}

/** A worker key the contributor offered; it is bound only when the key itself accepts before expires_at. */
export interface KeyOffer {
  key: PrincipalText;
  expires_at: bigint;
}

export interface WorkerKey {
  key: PrincipalText;
  contributor: PrincipalText;
  bound_at: bigint;
}

export type EventKind =
  | 'NodeProviderAdded'
  | 'NodeProviderRemoved'
  | 'ContributorAdmitted'
  | 'ContributorSuspended'
  | 'ContributorReinstated'
  | 'ContributorRemoved'
  | 'WorkerKeyBound'
  | 'WorkerKeyUnbound'
  | 'ParamsChanged'
  /** An upgrade pointed the registry at another SNS governance (subject: the new one). */
  | 'GovernanceChanged'
  /** A membership update the queue could not apply on its own while it accepted others; see detail. */
  | 'MembershipSkipped';

export interface RegistryEvent {
  seq: bigint;
  kind: EventKind;
  subject: PrincipalText;
  actor: PrincipalText;
  proposal_id: bigint | undefined;
  time: bigint;
  detail: string;
}

/** One change of a worker key's effective activity, waiting to be pushed to the queue canister. */
export interface MembershipUpdate {
  seq: bigint;
  worker: PrincipalText;
  contributor: PrincipalText;
  active: boolean;
}

export type Role =
  | { kind: 'None' }
  | { kind: 'NodeProvider' }
  | { kind: 'Contributor'; status: ContributorStatus }
  | { kind: 'Worker'; contributor: PrincipalText; active: boolean };
