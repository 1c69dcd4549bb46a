import type { Principal } from '@dfinity/principal';

import { clientFactory, lifecycleTypes, sharedTypes, type Idl, type LifecycleArgs } from '../shared/idl.ts';
import type { GatehouseError, Result } from '../shared/domain/result.ts';
import type { Page, PageRequest } from '../shared/domain/paging.ts';
import type { FailArgs } from './domain/fail.ts';
import type { ExtendArgs } from './domain/holder.ts';
import type { LeaseArgs } from './domain/lease.ts';
import type { QueueMetrics } from './domain/metrics.ts';
import type { QueueParams } from './domain/params.ts';
import type { ToolCall } from './domain/tools.ts';
import type { HeartbeatArgs } from './domain/workers.ts';

/** The queue's Candid interface; the one source for the canister (azle's IDL) and every client. */
export function queueTypes(IDL: Idl) {
  const shared = sharedTypes(IDL);
  const QueueParams = IDL.Record({
    models: IDL.Vec(IDL.Text),
    max_messages: IDL.Nat32,
    max_prompt_bytes: IDL.Nat32,
    max_tokens: IDL.Nat32,
    max_pending_per_caller: IDL.Nat32,
    lease_seconds: IDL.Nat32,
    max_lease_seconds: IDL.Nat32,
    max_attempts: IDL.Nat32,
    max_output_bytes: IDL.Nat32,
    max_jobs_per_lease: IDL.Nat32,
    max_reason_bytes: IDL.Nat32,
    max_leases_per_worker: IDL.Nat32,
    max_queued_jobs: IDL.Nat32,
    queued_ttl_seconds: IDL.Nat32,
    retention_seconds: IDL.Nat32,
    max_tools_per_job: IDL.Nat32,
    max_tool_calls: IDL.Nat32,
  });
  // llm: the canister allowed to submit_for its callers (canisters/llm); an upgrade may name it later.
  const InitArgs = IDL.Record({
    governance: IDL.Principal,
    registry: IDL.Principal,
    params: IDL.Opt(QueueParams),
    llm: IDL.Opt(IDL.Principal),
  });
  const { UpgradeArgs, LifecycleArgs } = lifecycleTypes(IDL, InitArgs, { llm: IDL.Opt(IDL.Principal) });
  // Tool fields are opt so that callers and clients built before them keep working (Candid subtyping).
  const Tool = IDL.Record({ name: IDL.Text, description: IDL.Opt(IDL.Text), parameters: IDL.Opt(IDL.Text) });
  const ToolCall = IDL.Record({ id: IDL.Text, name: IDL.Text, arguments: IDL.Text });
  const MessageRole = IDL.Variant({ System: IDL.Null, User: IDL.Null, Assistant: IDL.Null, Tool: IDL.Null });
  const Message = IDL.Record({
    role: MessageRole,
    content: IDL.Text,
    tool_calls: IDL.Opt(IDL.Vec(ToolCall)),
    tool_call_id: IDL.Opt(IDL.Text),
  });
  const SubmitArgs = IDL.Record({
    model: IDL.Text,
    messages: IDL.Vec(Message),
    tools: IDL.Opt(IDL.Vec(Tool)),
    max_tokens: IDL.Nat32,
    temperature: IDL.Opt(IDL.Float32),
    seed: IDL.Opt(IDL.Nat32),
  });
  const JobStatus = IDL.Variant({
    Queued: IDL.Null,
    Leased: IDL.Null,
    Completed: IDL.Record({
      output: IDL.Text,
      tokens_in: IDL.Nat32,
      tokens_out: IDL.Nat32,
      tool_calls: IDL.Opt(IDL.Vec(ToolCall)),
      worker: IDL.Principal,
      completed_at: IDL.Nat64,
    }),
    Failed: IDL.Record({ reason: IDL.Text, attempts: IDL.Nat32 }),
    Cancelled: IDL.Null,
    Expired: IDL.Null,
  });
  const Job = IDL.Record({
    id: IDL.Nat64,
    submitter: IDL.Principal,
    model: IDL.Text,
    max_tokens: IDL.Nat32,
    status: JobStatus,
    attempts: IDL.Nat32,
    created_at: IDL.Nat64,
    updated_at: IDL.Nat64,
  });
  const LeaseArgs = IDL.Record({ models: IDL.Vec(IDL.Text), max_jobs: IDL.Nat32 });
  const Lease = IDL.Record({
    job_id: IDL.Nat64,
    token: IDL.Nat64,
    deadline: IDL.Nat64,
    attempt: IDL.Nat32,
    model: IDL.Text,
    messages: IDL.Vec(Message),
    tools: IDL.Opt(IDL.Vec(Tool)),
    max_tokens: IDL.Nat32,
    temperature: IDL.Opt(IDL.Float32),
    seed: IDL.Opt(IDL.Nat32),
  });
  const ExtendArgs = IDL.Record({ job_id: IDL.Nat64, token: IDL.Nat64, seconds: IDL.Nat32 });
  const CompleteArgs = IDL.Record({
    job_id: IDL.Nat64,
    token: IDL.Nat64,
    output: IDL.Text,
    tokens_in: IDL.Nat32,
    tokens_out: IDL.Nat32,
    tool_calls: IDL.Opt(IDL.Vec(ToolCall)),
  });
  const FailArgs = IDL.Record({ job_id: IDL.Nat64, token: IDL.Nat64, reason: IDL.Text, retryable: IDL.Bool });
  const HeartbeatArgs = IDL.Record({ models: IDL.Vec(IDL.Text), version: IDL.Text, in_flight: IDL.Nat32 });
  const MembershipUpdate = IDL.Record({
    seq: IDL.Nat64,
    worker: IDL.Principal,
    contributor: IDL.Principal,
    active: IDL.Bool,
  });
  const MembershipBatch = IDL.Record({
    epoch: IDL.Nat64,
    snapshot: IDL.Opt(IDL.Record({ from: IDL.Nat64, to: IDL.Nat64 })),
    skip: IDL.Opt(IDL.Nat64),
    updates: IDL.Vec(MembershipUpdate),
  });
  const MembershipAck = IDL.Record({ epoch: IDL.Nat64, seq: IDL.Nat64, snapshot_needed: IDL.Bool });
  const WorkerStats = IDL.Record({
    worker: IDL.Principal,
    contributor: IDL.Principal,
    active: IDL.Bool,
    completed: IDL.Nat64,
    failed: IDL.Nat64,
    expired_leases: IDL.Nat64,
    latency_ms_total: IDL.Nat64,
    latency_ms_max: IDL.Nat64,
    latency_ms_p50: IDL.Opt(IDL.Nat64),
    latency_ms_p95: IDL.Opt(IDL.Nat64),
    last_heartbeat: IDL.Opt(IDL.Nat64),
    last_seen: IDL.Opt(IDL.Nat64),
    models: IDL.Vec(IDL.Text),
    version: IDL.Text,
    in_flight: IDL.Nat32,
    leases: IDL.Nat32,
  });
  const Metrics = IDL.Record({
    queued: IDL.Nat64,
    leased: IDL.Nat64,
    completed: IDL.Nat64,
    failed: IDL.Nat64,
    cancelled: IDL.Nat64,
    expired: IDL.Nat64,
    workers_active: IDL.Nat64,
    workers_known: IDL.Nat64,
    jobs_submitted: IDL.Nat64,
    leases_granted: IDL.Nat64,
    leases_expired: IDL.Nat64,
  });
  const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
  const HttpRequest = IDL.Record({
    method: IDL.Text,
    url: IDL.Text,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    certificate_version: IDL.Opt(IDL.Nat16),
  });
  const HttpResponse = IDL.Record({
    status_code: IDL.Nat16,
    headers: IDL.Vec(HeaderField),
    body: IDL.Vec(IDL.Nat8),
    upgrade: IDL.Opt(IDL.Bool),
  });
  const CompleteAndLeaseResult = IDL.Record({
    complete: shared.UnitResult,
    lease: shared.result(IDL.Vec(Lease)),
  });
  const R = shared.result;
  const service = IDL.Service({
    submit: IDL.Func([SubmitArgs], [R(IDL.Nat64)], []),
    submit_for: IDL.Func([IDL.Principal, SubmitArgs], [R(IDL.Nat64)], []),
    get_job: IDL.Func([IDL.Nat64], [R(Job)], ['query']),
    cancel: IDL.Func([IDL.Nat64], [shared.UnitResult], []),
    lease: IDL.Func([LeaseArgs], [R(IDL.Vec(Lease))], []),
    extend: IDL.Func([ExtendArgs], [R(IDL.Nat64)], []),
    complete: IDL.Func([CompleteArgs], [shared.UnitResult], []),
    complete_and_lease: IDL.Func([CompleteArgs, LeaseArgs], [CompleteAndLeaseResult], []),
    queued_count: IDL.Func([IDL.Vec(IDL.Text)], [IDL.Nat64], ['query']),
    fail: IDL.Func([FailArgs], [shared.UnitResult], []),
    heartbeat: IDL.Func([HeartbeatArgs], [shared.UnitResult], []),
    apply_membership: IDL.Func([MembershipBatch], [R(MembershipAck)], []),
    expire_leases: IDL.Func([], [R(IDL.Nat64)], []),
    validate_set_params: IDL.Func([QueueParams], [shared.ValidationResult], []),
    set_params: IDL.Func([QueueParams], [shared.UnitResult], []),
    get_params: IDL.Func([], [QueueParams], ['query']),
    list_workers: IDL.Func([shared.PageRequest], [shared.page(WorkerStats)], ['query']),
    list_recent_workers: IDL.Func([shared.PageRequest], [shared.page(WorkerStats)], ['query']),
    get_worker: IDL.Func([IDL.Principal], [IDL.Opt(WorkerStats)], ['query']),
    metrics: IDL.Func([], [Metrics], ['query']),
    http_request: IDL.Func([HttpRequest], [HttpResponse], ['query']),
  });
  return {
    ...shared,
    QueueParams,
    InitArgs,
    Tool,
    ToolCall,
    UpgradeArgs,
    LifecycleArgs,
    MessageRole,
    Message,
    SubmitArgs,
    JobStatus,
    Job,
    LeaseArgs,
    Lease,
    ExtendArgs,
    CompleteArgs,
    CompleteAndLeaseResult,
    FailArgs,
    HeartbeatArgs,
    MembershipUpdate,
    MembershipBatch,
    MembershipAck,
    WorkerStats,
    Metrics,
    HttpRequest,
    HttpResponse,
    service,
  };
}

export const idlFactory = clientFactory((IDL) => queueTypes(IDL).service);

/** What scripts/candid/emit-did.ts prints as queue.did: every type named here, the service, its init arguments. */
export function didSource(IDL: Idl) {
  const names = queueTypes(IDL);
  return { names, service: names.service, init: [names.LifecycleArgs] };
}
/** Install with { Init: … }, upgrade with { Upgrade: [] } or { Upgrade: [{ governance }] }. */
export const initArgs = (IDL: Idl) => [queueTypes(IDL).LifecycleArgs];

// Hand-written TS mirrors of the Candid types (opt T is [] | [T]; principals are Principal).
export type Opt<T> = [] | [T];
export type { GatehouseError, Result, Page, PageRequest };
// Types without principals or options are the domain's own.
export type { QueueParams, LeaseArgs, ExtendArgs, FailArgs, HeartbeatArgs, QueueMetrics, ToolCall };

export type QueueLifecycleArgs = LifecycleArgs<QueueInitArgs>;
export interface QueueInitArgs {
  governance: Principal;
  registry: Principal;
  params: Opt<QueueParams>;
  llm: Opt<Principal>;
}
export interface Tool {
  name: string;
  description: Opt<string>;
  parameters: Opt<string>;
}
export type MessageRole = { System: null } | { User: null } | { Assistant: null } | { Tool: null };
export interface Message {
  role: MessageRole;
  content: string;
  tool_calls: Opt<ToolCall[]>;
  tool_call_id: Opt<string>;
}
export interface SubmitArgs {
  model: string;
  messages: Message[];
  tools: Opt<Tool[]>;
  max_tokens: number;
  temperature: Opt<number>;
  seed: Opt<number>;
}
export type JobStatus =
  | { Queued: null }
  | { Leased: null }
  | {
      Completed: {
        output: string;
        tokens_in: number;
        tokens_out: number;
        tool_calls: Opt<ToolCall[]>;
        worker: Principal;
        completed_at: bigint;
      };
    }
  | { Failed: { reason: string; attempts: number } }
  | { Cancelled: null }
  | { Expired: null };
export interface Job {
  id: bigint;
  submitter: Principal;
  model: string;
  max_tokens: number;
  status: JobStatus;
  attempts: number;
  created_at: bigint;
  updated_at: bigint;
}
export interface Lease {
  job_id: bigint;
  token: bigint;
  deadline: bigint;
  attempt: number;
  model: string;
  messages: Message[];
  tools: Opt<Tool[]>;
  max_tokens: number;
  temperature: Opt<number>;
  seed: Opt<number>;
}
export interface CompleteArgs {
  job_id: bigint;
  token: bigint;
  output: string;
  tokens_in: number;
  tokens_out: number;
  tool_calls: Opt<ToolCall[]>;
}
export interface CompleteAndLeaseResult {
  complete: Result<null>;
  lease: Result<Lease[]>;
}
export interface MembershipUpdate {
  seq: bigint;
  worker: Principal;
  contributor: Principal;
  active: boolean;
}
export interface MembershipBatch {
  epoch: bigint;
  snapshot: Opt<{ from: bigint; to: bigint }>;
  skip: Opt<bigint>;
  updates: MembershipUpdate[];
}
export interface WorkerStats {
  worker: Principal;
  contributor: Principal;
  active: boolean;
  completed: bigint;
  failed: bigint;
  expired_leases: bigint;
  latency_ms_total: bigint;
  latency_ms_max: bigint;
  latency_ms_p50: Opt<bigint>;
  latency_ms_p95: Opt<bigint>;
  last_heartbeat: Opt<bigint>;
  last_seen: Opt<bigint>;
  models: string[];
  version: string;
  in_flight: number;
  leases: number;
}
export interface HttpRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: Uint8Array | number[];
  certificate_version: Opt<number>;
}
export interface HttpResponse {
  status_code: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  upgrade: Opt<boolean>;
}

export type { MembershipAck } from './domain/membership.ts';
