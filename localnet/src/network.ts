/**
 * The state the scheduler, the call contexts and the management canister share: canisters, the global FIFO,
 * time, id and randomness counters, compiled modules, options; and `run`, which executes one task on a canister.
 */
import { Principal } from '@icp-sdk/core/principal';

import type { Canister } from './canister.ts';
import type { ProcessOptions } from './canister-process.ts';
import type { Message } from './messages.ts';
import { ModuleCache } from './module-cache.ts';
import type { EntryKind, ExecResult, ExecTask } from './protocol.ts';
import type { InstructionLimits } from './reject.ts';

/** One executed message, as benches see it (instructions, what it sent and answered). */
export interface Execution {
  canister: string;
  kind: EntryKind;
  method: string;
  instructions: bigint;
  /** Argument sizes of the calls it made (committed executions only). */
  callBytes: number[];
  replyBytes: number;
}

export interface NetworkOptions extends ProcessOptions {
  /** Wall-clock ms between rounds while messages wait for the next round (no other message drives them). */
  roundMs: number;
  instructionLimits: InstructionLimits;
  onExecuted?: (e: Execution) => void;
  seed: string;
  defaultCycles: bigint;
  log?: (canisterId: string, line: string) => void;
}

/** A task for `run`: what differs from "no argument, no caller, outside a call context". */
export type TaskSpec = Partial<ExecTask> & Pick<ExecTask, 'kind' | 'commit'>;

export const MANAGEMENT = Principal.managementCanister();
export const MANAGEMENT_TEXT = MANAGEMENT.toText();
const FIRST_CANISTER_INDEX = 0x8000000000100001n;

export class Network {
  readonly canisters = new Map<string, Canister>();
  readonly queue: Message[] = [];
  /** Messages held for the next round (repeated calls of one call context, see call-contexts.ts). */
  readonly nextRound: Message[] = [];
  readonly modules = new ModuleCache();
  nextCanister = FIRST_CANISTER_INDEX;
  randCounter = 0;
  /** Executed messages and management changes. */
  changeCount = 0;

  constructor(
    readonly options: NetworkOptions,
    public timeNs: bigint,
  ) {}

  log(canister: string, lines: string[]): void {
    for (const line of lines) this.options.log?.(canister, line);
  }

  /**
   * Executes one task on the canister's worker with the canister's current system state. Replicated executions
   * leave their debug prints and trap in the canister's log, committed or not, as on the replica.
   */
  async run(c: Canister, t: TaskSpec, exportStable = false): Promise<ExecResult> {
    const r = await this.exec(c, t, exportStable);
    this.options.onExecuted?.({
      canister: c.idText,
      kind: t.kind,
      method: t.methodName ?? t.exportName ?? '',
      instructions: r.instructions,
      callBytes: r.calls.map((call) => call.arg.length),
      replyBytes: r.reply?.length ?? 0,
    });
    if (t.kind !== 'NRQ' && t.kind !== 'F') {
      const limit = c.settings.log_memory_limit;
      for (const line of r.logs) c.logs.append(this.timeNs, line, limit);
      if (r.trap) c.logs.append(this.timeNs, `[TRAP]: ${trapLogText(r.trap)}`, limit);
    }
    return r;
  }

  private exec(c: Canister, t: TaskSpec, exportStable: boolean): Promise<ExecResult> {
    const task: ExecTask = {
      arg: new Uint8Array(0),
      caller: new Uint8Array(0),
      methodName: '',
      canisterId: c.idBytes,
      controllers: c.controllers.map((p) => p.toUint8Array()),
      timeNs: this.timeNs,
      balance: c.balance,
      cyclesAvailable: 0n,
      cyclesRefunded: 0n,
      rejectCode: 0,
      rejectMessage: '',
      canisterVersion: c.version,
      status: c.status === 'running' ? 1 : c.status === 'stopping' ? 2 : 3,
      globalTimer: c.globalTimer,
      canRespond: t.kind === 'U' || t.kind === 'RQ' || t.kind === 'NRQ',
      instructionLimit: this.instructionLimit(t.kind),
      ...t,
    };
    return c.proc!.exec(task, exportStable);
  }

  private instructionLimit(kind: EntryKind): bigint {
    const l = this.options.instructionLimits;
    if (kind === 'NRQ') return l.query;
    if (kind === 'F') return l.inspect;
    if (kind === 'I' || kind === 'G') return l.install;
    return l.update;
  }

  /** The next canister id of this subnet's range that is not taken. */
  allocateId(): Principal {
    for (;;) {
      const bytes = new Uint8Array(10);
      new DataView(bytes.buffer).setBigUint64(0, this.nextCanister++);
      bytes[8] = 1;
      bytes[9] = 1;
      const id = Principal.fromUint8Array(bytes);
      if (!this.canisters.has(id.toText())) return id;
    }
  }
}

/** What the log shows of a trap: the canister's own message for ic0.trap, else the whole reason. */
function trapLogText(trap: string): string {
  return /^Canister called `ic0\.trap` with message: '([\s\S]*)'$/.exec(trap)?.[1] ?? trap;
}
