import type { Principal } from '@dfinity/principal';

import { clientFactory, lifecycleTypes, sharedTypes, type Idl, type LifecycleArgs } from '../shared/idl.ts';
import type { Page, PageRequest } from '../shared/domain/paging.ts';
import type { GatehouseError, Result, ValidationResult } from '../shared/domain/result.ts';
import type { AdmitPayload } from './domain/admit-payload.ts';
import type { InvitationParams } from './domain/params.ts';
import type { SetInvitationParams } from './domain/set-params.ts';
import type { InvitationStats } from './domain/queries.ts';
import type { ReconcileReport } from './domain/reconcile-batch.ts';
import type { HardwareProfile } from './domain/types.ts';
import { registryClientTypes } from './registry-client.ts';

export function invitationTypes(IDL: Idl) {
  const shared = sharedTypes(IDL);
  const { HardwareProfile, NodeProviderSet } = registryClientTypes(IDL);
  const NominationStatus = IDL.Variant({
    Open: IDL.Null,
    Admitted: IDL.Null,
    Rejected: IDL.Null,
    Withdrawn: IDL.Null,
    Expired: IDL.Null,
  });
  const Nomination = IDL.Record({
    id: IDL.Nat64,
    candidate: IDL.Principal,
    nominator: IDL.Principal,
    display_name: IDL.Text,
    motivation: IDL.Text,
    hardware: HardwareProfile,
    models: IDL.Vec(IDL.Text),
    created_at: IDL.Nat64,
    expires_at: IDL.Nat64,
    status: NominationStatus,
    proposal_id: IDL.Opt(IDL.Nat64),
    updated_at: IDL.Nat64,
    status_reason: IDL.Opt(IDL.Text),
  });
  const InvitationParams = IDL.Record({
    max_open_per_provider: IDL.Nat32,
    nomination_ttl_seconds: IDL.Nat64,
    max_display_name_bytes: IDL.Nat32,
    max_motivation_bytes: IDL.Nat32,
    max_models: IDL.Nat32,
    reconcile_interval_seconds: IDL.Nat64,
  });
  /** set_params carries the params it replaces: a proposal made from params since changed cannot execute. */
  const SetInvitationParams = IDL.Record({ expected: InvitationParams, params: InvitationParams });
  const InitArgs = IDL.Record({
    governance: IDL.Principal,
    registry: IDL.Principal,
    admit_function_id: IDL.Nat64,
    params: IDL.Opt(InvitationParams),
  });
  const { UpgradeArgs, LifecycleArgs } = lifecycleTypes(IDL, InitArgs);
  const NominateArgs = IDL.Record({
    candidate: IDL.Principal,
    display_name: IDL.Text,
    motivation: IDL.Text,
    hardware: HardwareProfile,
    models: IDL.Vec(IDL.Text),
  });
  const LinkProposalArgs = IDL.Record({ nomination_id: IDL.Nat64, proposal_id: IDL.Nat64 });
  const AdmitPayload = IDL.Record({ nomination_id: IDL.Nat64 });
  const ListNominationsArgs = IDL.Record({
    page: shared.PageRequest,
    status: IDL.Opt(NominationStatus),
    nominator: IDL.Opt(IDL.Principal),
  });
  const ReconcileReport = IDL.Record({
    examined: IDL.Nat32,
    expired: IDL.Nat32,
    rejected: IDL.Nat32,
    unlinked: IDL.Nat32,
    unresolved: IDL.Nat32,
  });
  const Stats = IDL.Record({
    total: IDL.Nat64,
    open: IDL.Nat64,
    admitted: IDL.Nat64,
    rejected: IDL.Nat64,
    withdrawn: IDL.Nat64,
    expired: IDL.Nat64,
    last_reconcile_at: IDL.Nat64,
  });
  const NominationResult = shared.result(Nomination);
  const service = IDL.Service({
    nominate: IDL.Func([NominateArgs], [NominationResult], []),
    withdraw: IDL.Func([IDL.Nat64], [shared.UnitResult], []),
    link_proposal: IDL.Func([LinkProposalArgs], [NominationResult], []),
    validate_admit: IDL.Func([AdmitPayload], [shared.ValidationResult], []),
    admit: IDL.Func([AdmitPayload], [shared.result(IDL.Principal)], []),
    validate_set_params: IDL.Func([SetInvitationParams], [shared.ValidationResult], []),
    set_params: IDL.Func([SetInvitationParams], [shared.UnitResult], []),
    reconcile: IDL.Func([], [shared.result(ReconcileReport)], []),
    apply_node_providers: IDL.Func([NodeProviderSet], [shared.result(IDL.Nat64)], []),
    get_nomination: IDL.Func([IDL.Nat64], [IDL.Opt(Nomination)], ['query']),
    list_nominations: IDL.Func([ListNominationsArgs], [shared.page(Nomination)], ['query']),
    get_params: IDL.Func([], [InvitationParams], ['query']),
    stats: IDL.Func([], [Stats], ['query']),
  });
  return {
    ...shared,
    HardwareProfile,
    NodeProviderSet,
    NominationStatus,
    Nomination,
    NominationResult,
    InvitationParams,
    SetInvitationParams,
    InitArgs,
    UpgradeArgs,
    LifecycleArgs,
    NominateArgs,
    LinkProposalArgs,
    AdmitPayload,
    ListNominationsArgs,
    ReconcileReport,
    Stats,
    service,
  };
}

export const idlFactory = clientFactory((IDL) => invitationTypes(IDL).service);

/** What scripts/candid/emit-did.ts prints as invitation.did: every type named here, the service, its init arguments. */
export function didSource(IDL: Idl) {
  const names = invitationTypes(IDL);
  return { names, service: names.service, init: [names.LifecycleArgs] };
}

/** Install with { Init: … }, upgrade with { Upgrade: [] } or { Upgrade: [{ governance }] }. */
export const initArgs = (IDL: Idl) => [invitationTypes(IDL).LifecycleArgs];

type Opt<T> = [] | [T];

export type {
  AdmitPayload,
  GatehouseError,
  HardwareProfile,
  InvitationParams,
  PageRequest,
  Result,
  SetInvitationParams,
  ValidationResult,
};

export type NominationStatus =
  { Open: null } | { Admitted: null } | { Rejected: null } | { Withdrawn: null } | { Expired: null };

export interface Nomination {
  id: bigint;
  candidate: Principal;
  nominator: Principal;
  display_name: string;
  motivation: string;
  hardware: HardwareProfile;
  models: string[];
  created_at: bigint;
  expires_at: bigint;
  status: NominationStatus;
  proposal_id: Opt<bigint>;
  updated_at: bigint;
  status_reason: Opt<string>;
}

export type InvitationLifecycleArgs = LifecycleArgs<InvitationInit>;
export interface InvitationInit {
  governance: Principal;
  registry: Principal;
  admit_function_id: bigint;
  params: Opt<InvitationParams>;
}

export interface NominateArgs {
  candidate: Principal;
  display_name: string;
  motivation: string;
  hardware: HardwareProfile;
  models: string[];
}

export type { NodeProviderSet } from '../registry/interface.ts';

export interface LinkProposalArgs {
  nomination_id: bigint;
  proposal_id: bigint;
}

export interface ListNominationsArgs {
  page: PageRequest;
  status: Opt<NominationStatus>;
  nominator: Opt<Principal>;
}

export type NominationPage = Page<Nomination>;

// Types without principals or options are the domain's own.
export type { InvitationStats, ReconcileReport };
