/** A canister as the network keeps it: identity, controllers, status, cycles, timer, settings and its worker. */
import { Principal } from '@icp-sdk/core/principal';

import type { CanisterProcess } from './canister-process.ts';
import type { CallContext, PendingCallback } from './messages.ts';
import { RejectCode, rejectOf, type CallResult } from './reject.ts';

export type Status = 'running' | 'stopping' | 'stopped';

export interface CanisterSettings {
  freezing_threshold: bigint;
  memory_allocation: bigint;
  compute_allocation: bigint;
  reserved_cycles_limit: bigint;
  wasm_memory_limit: bigint;
}

export const SETTING_KEYS = [
  'freezing_threshold',
  'memory_allocation',
  'compute_allocation',
  'reserved_cycles_limit',
  'wasm_memory_limit',
] as const;

/** The replica's defaults for settings a create_canister leaves out. */
export const DEFAULT_SETTINGS: CanisterSettings = {
  freezing_threshold: 2_592_000n,
  memory_allocation: 0n,
  compute_allocation: 0n,
  reserved_cycles_limit: 5_000_000_000_000n,
  wasm_memory_limit: 3_221_225_472n,
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
}

export type CanisterFields = Pick<
  Canister,
  'controllers' | 'status' | 'balance' | 'version' | 'globalTimer' | 'certifiedData' | 'settings'
>;

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
    settings: { ...f.settings },
    openContexts: 0,
    stopWaiters: [],
    callbacks: new Map(),
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
