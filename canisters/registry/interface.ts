import type { Principal } from '@dfinity/principal';
import type { IDL as IdlNamespace } from '@dfinity/candid';

import { queueTypes, type MembershipBatch, type MembershipUpdate } from '../queue/interface.ts';
import { clientFactory, lifecycleTypes, sharedTypes, type Idl, type LifecycleArgs } from '../shared/idl.ts';
import type { Page, PageRequest } from '../shared/domain/paging.ts';
import type { GatehouseError, Result, ValidationResult } from '../shared/domain/result.ts';
import type { RegistryParams } from './domain/params.ts';
import type { RegistryStats } from './domain/queries.ts';
import type { SetRegistryParams } from './domain/set-params.ts';
import type { EventKind as DomainEventKind, HardwareProfile } from './domain/types.ts';

export function registryTypes(IDL: Idl) {
  const shared = sharedTypes(IDL);
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
  const RegistryParams = IDL.Record({
    max_worker_keys: IDL.Nat32,
    max_models: IDL.Nat32,
    max_model_name_bytes: IDL.Nat32,
    max_display_name_bytes: IDL.Nat32,
    max_reason_bytes: IDL.Nat32,
    max_hardware_text_bytes: IDL.Nat32,
    max_node_providers: IDL.Nat32,
    max_contributors: IDL.Nat32,
    max_key_binds_per_day: IDL.Nat32,
  });
  const NodeProvider = IDL.Record({
    id: IDL.Principal,
    display_name: IDL.Text,
    active: IDL.Bool,
    added_at: IDL.Nat64,
    updated_at: IDL.Nat64,
    sponsored_active: IDL.Nat32,
    sponsored_suspended: IDL.Nat32,
    sponsored_removed: IDL.Nat32,
  });
  const Contributor = IDL.Record({
    id: IDL.Principal,
    display_name: IDL.Text,
    sponsor: IDL.Principal,
    proposal_id: IDL.Nat64,
    status: ContributorStatus,
    hardware: HardwareProfile,
    models: IDL.Vec(IDL.Text),
    worker_keys: IDL.Vec(IDL.Principal),
    admitted_at: IDL.Nat64,
    updated_at: IDL.Nat64,
    status_reason: IDL.Opt(IDL.Text),
  });
  const EventKind = IDL.Variant({
    NodeProviderAdded: IDL.Null,
    NodeProviderRemoved: IDL.Null,
    ContributorAdmitted: IDL.Null,
    ContributorSuspended: IDL.Null,
    ContributorReinstated: IDL.Null,
    ContributorRemoved: IDL.Null,
    WorkerKeyBound: IDL.Null,
    WorkerKeyUnbound: IDL.Null,
    ParamsChanged: IDL.Null,
    GovernanceChanged: IDL.Null,
    MembershipSkipped: IDL.Null,
  });
  const Event = IDL.Record({
    seq: IDL.Nat64,
    kind: EventKind,
    subject: IDL.Principal,
    actor: IDL.Principal,
    proposal_id: IDL.Opt(IDL.Nat64),
    time: IDL.Nat64,
    detail: IDL.Text,
  });
  /** The queue owns the membership contract; the registry is its only caller. */
  const queue = queueTypes(IDL);
  const MembershipUpdate = queue.MembershipUpdate;
  const InitArgs = IDL.Record({
    governance: IDL.Principal,
    invitation: IDL.Principal,
    queue: IDL.Principal,
    node_providers: IDL.Vec(IDL.Record({ id: IDL.Principal, display_name: IDL.Text })),
    params: IDL.Opt(RegistryParams),
  });
  const { UpgradeArgs, LifecycleArgs } = lifecycleTypes(IDL, InitArgs);
  const AdmitContributorArgs = IDL.Record({
    contributor: IDL.Principal,
    display_name: IDL.Text,
    sponsor: IDL.Principal,
    proposal_id: IDL.Nat64,
    hardware: HardwareProfile,
    models: IDL.Vec(IDL.Text),
  });
  const AddNodeProviderArgs = IDL.Record({ id: IDL.Principal, display_name: IDL.Text });
  const RemoveNodeProviderArgs = IDL.Record({ id: IDL.Principal, reason: IDL.Text });
  const ContributorDecision = IDL.Record({ contributor: IDL.Principal, reason: IDL.Text });
  /** set_params carries the params it replaces: a proposal made from params since changed cannot execute. */
  const SetRegistryParams = IDL.Record({ expected: RegistryParams, params: RegistryParams });
  const Config = IDL.Record({ governance: IDL.Principal, invitation: IDL.Principal, queue: IDL.Principal });
  const Stats = IDL.Record({
    contributors: IDL.Nat64,
    active_contributors: IDL.Nat64,
    suspended_contributors: IDL.Nat64,
    removed_contributors: IDL.Nat64,
    node_providers: IDL.Nat64,
    active_node_providers: IDL.Nat64,
    worker_keys: IDL.Nat64,
    events: IDL.Nat64,
    pending_membership_updates: IDL.Nat64,
    last_membership_seq: IDL.Nat64,
  });
  const { UnitResult, ValidationResult, PageRequest, page } = shared;
  const governed = (arg: IdlNamespace.Type) => ({
    validate: IDL.Func([arg], [ValidationResult], []),
    execute: IDL.Func([arg], [UnitResult], []),
  });
  const add = governed(AddNodeProviderArgs);
  const removeProvider = governed(RemoveNodeProviderArgs);
  const suspend = governed(ContributorDecision);
  const reinstate = governed(ContributorDecision);
  const remove = governed(ContributorDecision);
  const params = governed(SetRegistryParams);
  const service = IDL.Service({
    role_of: IDL.Func([IDL.Principal], [Role], ['query']),
    admit_contributor: IDL.Func([AdmitContributorArgs], [shared.result(Contributor)], []),
    check_admission: IDL.Func([AdmitContributorArgs], [shared.result(IDL.Text)], []),
    validate_add_node_provider: add.validate,
    add_node_provider: add.execute,
    validate_remove_node_provider: removeProvider.validate,
    remove_node_provider: removeProvider.execute,
    validate_suspend_contributor: suspend.validate,
    suspend_contributor: suspend.execute,
    validate_reinstate_contributor: reinstate.validate,
    reinstate_contributor: reinstate.execute,
    validate_remove_contributor: remove.validate,
    remove_contributor: remove.execute,
    validate_set_params: params.validate,
    set_params: params.execute,
    offer_worker_key: IDL.Func([IDL.Principal], [UnitResult], []),
    accept_worker_key: IDL.Func([IDL.Principal], [UnitResult], []),
    unbind_worker_key: IDL.Func([IDL.Principal], [UnitResult], []),
    get_contributor: IDL.Func([IDL.Principal], [IDL.Opt(Contributor)], ['query']),
    list_contributors: IDL.Func([PageRequest], [page(Contributor)], ['query']),
    list_node_providers: IDL.Func([PageRequest], [page(NodeProvider)], ['query']),
    list_events: IDL.Func([PageRequest], [page(Event)], ['query']),
    list_recent_events: IDL.Func([PageRequest], [page(Event)], ['query']),
    list_membership_outbox: IDL.Func([PageRequest], [page(MembershipUpdate)], ['query']),
    get_params: IDL.Func([], [RegistryParams], ['query']),
    get_config: IDL.Func([], [Config], ['query']),
    stats: IDL.Func([], [Stats], ['query']),
  });
  /** The queue method the registry pushes membership to. */
  const apply_membership = { args: [queue.MembershipBatch], ret: queue.result(queue.MembershipAck) };
  /** What the registry pushes to invitation.apply_node_providers (the invitation's interface names it too). */
  const NodeProviderSet = IDL.Record({ version: IDL.Nat64, node_providers: IDL.Vec(IDL.Principal) });
  const apply_node_providers = { args: [NodeProviderSet], ret: shared.result(IDL.Nat64) };
  return {
    ...shared,
    HardwareProfile,
    ContributorStatus,
    Role,
    RegistryParams,
    NodeProvider,
    Contributor,
    EventKind,
    Event,
    MembershipUpdate,
    InitArgs,
    UpgradeArgs,
    LifecycleArgs,
    AdmitContributorArgs,
    AddNodeProviderArgs,
    RemoveNodeProviderArgs,
    ContributorDecision,
    SetRegistryParams,
    Config,
    Stats,
    service,
    apply_membership,
    NodeProviderSet,
    apply_node_providers,
  };
}

export const idlFactory = clientFactory((IDL) => registryTypes(IDL).service);

/** What scripts/candid/emit-did.ts prints as registry.did: every type named here, the service, its init arguments. */
export function didSource(IDL: Idl) {
  const names = registryTypes(IDL);
  return { names, service: names.service, init: [names.LifecycleArgs] };
}

/** Install with { Init: … }, upgrade with { Upgrade: [] } or { Upgrade: [{ governance }] }. */
export const initArgs = (IDL: Idl) => [registryTypes(IDL).LifecycleArgs];

type Opt<T> = [] | [T];

export type { GatehouseError, HardwareProfile, Page, PageRequest, RegistryParams, Result, ValidationResult };
export type Stats = RegistryStats;

export type ContributorStatus = { Active: null } | { Suspended: null } | { Removed: null };

export type Role =
  | { None: null }
  | { NodeProvider: null }
  | { Contributor: ContributorStatus }
  | { Worker: { contributor: Principal; active: boolean } };

export interface NodeProvider {
  id: Principal;
  display_name: string;
  active: boolean;
  added_at: bigint;
  updated_at: bigint;
  sponsored_active: number;
  sponsored_suspended: number;
  sponsored_removed: number;
}

export interface Contributor {
  id: Principal;
  display_name: string;
  sponsor: Principal;
  proposal_id: bigint;
  status: ContributorStatus;
  hardware: HardwareProfile;
  models: string[];
  worker_keys: Principal[];
  admitted_at: bigint;
  updated_at: bigint;
  status_reason: Opt<string>;
}

export type EventKind = { [K in DomainEventKind]: { [P in K]: null } }[DomainEventKind];

export interface Event {
  seq: bigint;
  kind: EventKind;
  subject: Principal;
  actor: Principal;
  proposal_id: Opt<bigint>;
  time: bigint;
  detail: string;
}

export type { MembershipBatch, MembershipUpdate };

export type RegistryLifecycleArgs = LifecycleArgs<RegistryInit>;
export interface RegistryInit {
  governance: Principal;
  invitation: Principal;
  queue: Principal;
  node_providers: Array<{ id: Principal; display_name: string }>;
  params: Opt<RegistryParams>;
}

export interface AdmitContributorArgs {
  contributor: Principal;
  display_name: string;
  sponsor: Principal;
  proposal_id: bigint;
  hardware: HardwareProfile;
  models: string[];
}

export interface AddNodeProviderArgs {
  id: Principal;
  display_name: string;
}

export interface RemoveNodeProviderArgs {
  id: Principal;
  reason: string;
}

export interface ContributorDecision {
  contributor: Principal;
  reason: string;
}

export type { SetRegistryParams };

export interface Config {
  governance: Principal;
  invitation: Principal;
  queue: Principal;
}

export interface NodeProviderSet {
  version: bigint;
  node_providers: Principal[];
}
