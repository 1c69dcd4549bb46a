/**
 * The registry methods the invitation canister calls, per the cross-canister contract. Stand-in
 * until canisters/registry/interface.ts exists; then import registryTypes from there instead.
 */
import type { Principal } from '@dfinity/principal';

import { sharedTypes, type Idl } from '../shared/idl.ts';
import type { GatehouseError } from '../shared/domain/result.ts';
import type { HardwareProfile, MemberRole } from './domain/types.ts';

export function registryClientTypes(IDL: Idl) {
  const { GatehouseError } = sharedTypes(IDL);
  const HardwareProfile = IDL.Record({
    gpu: IDL.Text,
    vram_gib: IDL.Nat32,
    ram_gib: IDL.Nat32,
    cpu_cores: IDL.Nat32,
    region: IDL.Text,
  });
  const ContributorStatus = IDL.Variant({ Active: IDL.Null, Suspended: IDL.Null, Removed: IDL.Null });
  const Role = IDL.Variant({
    None: IDL.Null,
    NodeProvider: IDL.Null,
    Contributor: ContributorStatus,
    Worker: IDL.Record({ contributor: IDL.Principal, active: IDL.Bool }),
  });
  const AdmitContributorArgs = IDL.Record({
    contributor: IDL.Principal,
    display_name: IDL.Text,
    sponsor: IDL.Principal,
    proposal_id: IDL.Nat64,
    hardware: HardwareProfile,
    models: IDL.Vec(IDL.Text),
  });
  // We only need Ok vs Err; `reserved` accepts whatever Contributor record the registry returns.
  const AdmitContributorResult = IDL.Variant({ Ok: IDL.Reserved, Err: GatehouseError });
  return {
    HardwareProfile,
    ContributorStatus,
    Role,
    AdmitContributorArgs,
    AdmitContributorResult,
    role_of: { args: [IDL.Principal], ret: Role },
    admit_contributor: { args: [AdmitContributorArgs], ret: AdmitContributorResult },
  };
}

export type CandidRole =
  | { None: null }
  | { NodeProvider: null }
  | { Contributor: { Active: null } | { Suspended: null } | { Removed: null } }
  | { Worker: { contributor: Principal; active: boolean } };

export interface AdmitContributorArgs {
  contributor: Principal;
  display_name: string;
  sponsor: Principal;
  proposal_id: bigint;
  hardware: HardwareProfile;
  models: string[];
}

export type AdmitContributorResult = { Ok: unknown } | { Err: GatehouseError };

export function roleFromCandid(role: CandidRole): MemberRole {
  return 'Worker' in role ? { Worker: { contributor: role.Worker.contributor.toText(), active: role.Worker.active } } : role;
}
