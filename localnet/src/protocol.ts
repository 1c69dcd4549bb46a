import type { WasmModule } from './wasm-api.ts';

/** Messages between the scheduler (main thread) and a canister's execution worker. */

/** Where a System API call is made from, as the interface spec names it. */
export type EntryKind =
  | 'I' // canister_init / canister_post_upgrade
  | 'G' // canister_pre_upgrade
  | 'U' // canister_update
  | 'RQ' // canister_query executed in replicated mode (as an update or from a canister)
  | 'NRQ' // canister_query executed as a query call
  | 'Ry' // reply callback
  | 'Rt' // reject callback
  | 'C' // cleanup callback
  | 'F' // canister_inspect_message
  | 'T'; // canister_global_timer / canister_heartbeat

export interface Callback {
  fun: number;
  env: number;
}

export interface ExecTask {
  kind: EntryKind;
  /** Exported function to call, e.g. `canister_update incr`; unused for callbacks. */
  exportName?: string;
  callback?: Callback;
  arg: Uint8Array;
  caller: Uint8Array;
  methodName: string;
  canisterId: Uint8Array;
  controllers: Uint8Array[];
  timeNs: bigint;
  balance: bigint;
  cyclesAvailable: bigint;
  cyclesRefunded: bigint;
  rejectCode: number;
  rejectMessage: string;
  canisterVersion: bigint;
  status: 1 | 2 | 3;
  globalTimer: bigint;
  /** True when the call context can still be responded to. */
  canRespond: boolean;
  /** false: every change is discarded (queries, inspect_message). */
  commit: boolean;
  /** The IC's instruction limit for this kind of message; past it the message traps as on the replica. */
  instructionLimit: bigint;
}

export interface OutgoingCall {
  callee: Uint8Array;
  method: string;
  arg: Uint8Array;
  cycles: bigint;
  reply: Callback;
  reject: Callback;
  cleanup?: Callback;
  timeoutSeconds?: number;
}

export interface ExecResult {
  trap?: string;
  reply?: Uint8Array;
  reject?: string;
  accepted: boolean;
  calls: OutgoingCall[];
  globalTimer: bigint;
  certifiedData?: Uint8Array;
  cyclesAccepted: bigint;
  cyclesBurned: bigint;
  /** Newly materialised stable pages (the shared buffers the scheduler keeps for a restart). */
  newStablePages: Array<[number, SharedArrayBuffer]>;
  /** With exportStable (pre_upgrade): every stable page as the message left it, though the message rolled back. */
  stableImage?: Map<number, SharedArrayBuffer>;
  stablePages: number;
  logs: string[];
  ms: number;
  /** Instructions the message executed, counted as the replica counts them (see metering.ts). */
  instructions: bigint;
}

/** The committed execution state, enough for a fresh worker to resume after the watchdog killed one. */
export interface Checkpoint {
  heap: SharedArrayBuffer;
  heapLength: number;
  globals: Array<number | bigint>;
  stablePages: Map<number, SharedArrayBuffer>;
  stableSize: number;
}

/** A heap still in a state directory's file: the canister's worker reads it into the canister's memory itself. */
export interface HeapFile {
  file: string;
}

/** What a canister resumes from: a checkpoint whose heap may still be in its file. */
export type RestorePoint = Omit<Checkpoint, 'heap'> & { heap: SharedArrayBuffer | HeapFile };

export type ToWorker =
  | {
      type: 'load';
      module: WasmModule;
      restore?: Partial<RestorePoint>;
      canisterId: Uint8Array;
      guard: SharedArrayBuffer;
    }
  | { type: 'exec'; seq: number; task: ExecTask; exportStable?: boolean };

export interface HeapSnapshot {
  heap: SharedArrayBuffer;
  heapLength: number;
  globals: Array<number | bigint>;
}

export type FromWorker =
  | { type: 'loaded'; snapshot: HeapSnapshot; exports: string[] }
  | { type: 'result'; seq: number; result: ExecResult; snapshot?: HeapSnapshot }
  | { type: 'fatal'; message: string };
