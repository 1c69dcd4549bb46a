import type { PrincipalText } from '../../shared/domain/principal.ts';

/** The candidate's hardware, as the registry (its owner) defines it. */
import type { HardwareProfile } from '../../registry/domain/types.ts';
export type { HardwareProfile };

export type NominationStatus = 'Open' | 'Admitted' | 'Rejected' | 'Withdrawn' | 'Expired';

export const NOMINATION_STATUSES: readonly NominationStatus[] = [
  'Open',
  'Admitted',
  'Rejected',
  'Withdrawn',
  'Expired',
];

export interface Nomination {
  id: bigint;
  candidate: PrincipalText;
  nominator: PrincipalText;
  display_name: string;
  motivation: string;
  hardware: HardwareProfile;
  models: string[];
  created_at: bigint;
  expires_at: bigint;
  status: NominationStatus;
  proposal_id: bigint | undefined;
  updated_at: bigint;
  status_reason: string | undefined;
}

/** A principal's standing in the registry (registry's `Role`, principals as text). */
export type MemberRole =
  | { None: null }
  | { NodeProvider: null }
  | { Contributor: { Active: null } | { Suspended: null } | { Removed: null } }
  | { Worker: { contributor: PrincipalText; active: boolean } };

/** Fixed at install time. */
export interface InvitationConfig {
  governance: PrincipalText;
  registry: PrincipalText;
  admit_function_id: bigint;
}
