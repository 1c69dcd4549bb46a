/** A canister as the network keeps it: identity, controllers, status, cycles, timer, settings and its worker. */
import { Principal } from '@icp-sdk/core/principal';

import type { CanisterProcess } from './canister-process.ts';
import type { CallContext, PendingCallback } from './messages.ts';
import { RejectCode, rejectOf, type CallResult } from './reject.ts';

export type Status = 'running' | 'stopping' | 'stopped';

/** Who may read logs or snapshots; principals as text so settings stay plain JSON in a state directory. */
export type Visibility = { controllers: null } | { public: null } | { allowed_viewers: string[] };

export interface CanisterSettings {
  freezing_threshold: bigint;
  memory_allocation: bigint;
  compute_allocation: bigint;
  reserved_cycles_limit: bigint;
  wasm_memory_limit: bigint;
  wasm_memory_threshold: bigint;
  minimum_incoming_canister_call_cycles: bigint;
  log_memory_limit: bigint;
  log_visibility: Visibility;
  snapshot_visibility: Visibility;
  status_visibility: Visibility;
  environment_variables: Array<{ name: string; value: string }>;
}

/** The numeric settings (Candid `nat`). */
export const SETTING_KEYS = [
  'freezing_threshold',
  'memory_allocation',
  'compute_allocation',
  'reserved_cycles_limit',
  'wasm_memory_limit',
  'wasm_memory_threshold',
  'minimum_incoming_canister_call_cycles',
  'log_memory_limit',
] as const;

/** The replica's defaults for settings a create_canister leaves out. */
export const DEFAULT_SETTINGS: CanisterSettings = {
  freezing_threshold: 2_592_000n,
  memory_allocation: 0n,
  compute_allocation: 0n,
  reserved_cycles_limit: 5_000_000_000_000n,
  wasm_memory_limit: 3_221_225_472n,
  wasm_memory_threshold: 0n,
  minimum_incoming_canister_call_cycles: 0n,
  log_memory_limit: 4096n,
  log_visibility: { controllers: null },
  snapshot_visibility: { controllers: null },
  status_visibility: { controllers: null },
  environment_variables: [],
};

export interface Canister {
  id: Principal;
  idText: string;
  idBytes: Uint8Array;
  controllers: Principal[];
  status: Status;
  proc?: CanisterProcess;
  moduleHash?: Uint8Array;
  balance: bigint;
  version: bigint;
  globalTimer: bigint;
  certifiedData: Uint8Array;
  settings: CanisterSettings;
  /** Call contexts of this canister not yet closed; a stopping canister stops when none is left. */
  openContexts: number;
  /** stop_canister calls waiting for the canister to stop. */
  stopWaiters: CallContext[];
  /** Outgoing calls awaiting their response, by callback id. */
  callbacks: Map<number, PendingCallback>;
  /** debug_print lines and traps of replicated executions (fetch_canister_logs). */
  logs: CanisterLog;
  /** The module's `icp:public` / `icp:private` custom sections, by name. */
  metadata: Map<string, MetadataSection>;
  /** Size of the installed module (status' wasm_binary_size). */
  moduleSize: number;
}

export interface MetadataSection {
  isPublic: boolean;
  content: Uint8Array;
}

export interface LogRecord {
  idx: bigint;
  timestamp_nanos: bigint;
  content: Uint8Array;
}

/** A canister's log, bounded by its log_memory_limit setting: the oldest records go first once it is exceeded. */
export class CanisterLog {
  records: LogRecord[] = [];
  bytes = 0;
  private nextIdx = 0n;

  append(timeNs: bigint, line: string, limit: bigint): void {
    const content = new TextEncoder().encode(line).subarray(0, Number(limit));
    this.records.push({ idx: this.nextIdx++, timestamp_nanos: timeNs, content });
    this.bytes += content.length;
    while (this.bytes > limit) this.bytes -= this.records.shift()!.content.length;
  }
}

/** Whether `p` may read what `v` guards on canister `c` (controllers always may). */
export function mayView(c: Canister, v: Visibility, p: Principal): boolean {
  if ('public' in v) return true;
  if (isController(c, p)) return true;
  return 'allowed_viewers' in v && v.allowed_viewers.includes(p.toText());
}

export type CanisterFields = Pick<
  Canister,
  'controllers' | 'status' | 'balance' | 'version' | 'globalTimer' | 'certifiedData'
> & {
  settings: Partial<CanisterSettings>;
};

/** A canister with no module and nothing in flight. */
export function newCanister(id: Principal, f: CanisterFields): Canister {
  return {
    id,
    idText: id.toText(),
    idBytes: id.toUint8Array(),
    controllers: f.controllers,
    status: f.status,
    balance: f.balance,
    version: f.version,
    globalTimer: f.globalTimer,
    certifiedData: f.certifiedData,
    settings: { ...DEFAULT_SETTINGS, ...f.settings },
    openContexts: 0,
    stopWaiters: [],
    callbacks: new Map(),
    logs: new CanisterLog(),
    metadata: new Map(),
    moduleSize: 0,
  };
}

export function isController(c: Canister, p: Principal): boolean {
  const text = p.toText();
  return c.controllers.some((x) => x.toText() === text);
}

/** Why a call cannot be delivered to `target`, or undefined when it can. */
export function unavailable(target: string, c: Canister | undefined): CallResult | undefined {
  if (!c) return rejectOf(RejectCode.DESTINATION_INVALID, `Canister ${target} not found`, 'IC0301');
  if (c.status === 'stopped') return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} is stopped`, 'IC0508');
  if (c.status === 'stopping') return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} is stopping`, 'IC0509');
  if (!c.proc) return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} has no Wasm module`, 'IC0537');
  return undefined;
}
