/**
 * The local IC's programmatic API. Wires the parts together: `Network` (shared state), `Scheduler` (one global
 * FIFO, one message at a time), `Delivery` and `CallContexts` (executing messages, responses), `Ingress`
 * (updates and queries from outside), the management canister, timers and state export/restore.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { makeActor, type IdlFactory } from './actor.ts';
import { CallContexts } from './call-contexts.ts';
import { restoreCalls } from './call-state.ts';
import { copy, emptyArgs } from './candid.ts';
import type { MetadataSection, Status } from './canister.ts';
import type { ProcessOptions } from './canister-process.ts';
import { Delivery } from './delivery.ts';
import { Ingress } from './ingress.ts';
import { ManagementCanister } from './management/canister.ts';
import { ManagementClient } from './management/client.ts';
import * as M from './management/idl.ts';
import { MANAGEMENT, Network, type Execution } from './network.ts';
import { INSTRUCTION_LIMITS, type CallResult, type InstructionLimits, type Reject } from './reject.ts';
import { Scheduler } from './scheduler.ts';
import type { RestorePoint } from './protocol.ts';
import type { NetworkSnapshot } from './snapshot.ts';
import { exportState, restoreState } from './state-export.ts';

export { copy, emptyArgs, MANAGEMENT, type IdlFactory };

export interface LocalNetOptions extends Partial<ProcessOptions> {
  /** Initial time in ms since the epoch (default: now, then frozen). */
  startTimeMs?: number;
  /** Identity used when a call names no caller. */
  defaultCaller?: Principal;
  /** Seed for raw_rand (deterministic by default). */
  seed?: string;
  /** Receives canister debug_print output and trap messages. */
  log?: (canisterId: string, line: string) => void;
  /** Cycles a canister gets when created without an amount. */
  defaultCycles?: bigint;
  /** Resume a network saved with `exportState()` (canisters, their memories, time, id counter). */
  restore?: NetworkSnapshot<RestorePoint>;
  /** Per-message instruction limits (default: the IC's); tests lower them to reach a limit quickly. */
  instructionLimits?: Partial<InstructionLimits>;
  /** Sees every executed message with its instruction count (benches price them in cycles). */
  onExecuted?: (e: Execution) => void;
  /**
   * Wall-clock ms between rounds while a call context polls (repeats a call) and no other message comes
   * (default 100): the pace of a held call's loop, so that it does not spin the CPU.
   */
  roundMs?: number;
}

/** What the state tree certifies about a canister. */
export interface CanisterCertifiedState {
  moduleHash?: Uint8Array;
  controllers: Principal[];
  certifiedData: Uint8Array;
  /** Custom sections `icp:public|private <name>`, served under /canister/<id>/metadata/<name>. */
  metadata: Map<string, MetadataSection>;
}

type CallOptions = { caller?: Principal };

/** Milliseconds (possibly fractional) as exact nanoseconds: `ms * 1e6` as a float rounds above 2^53 (~104 days). */
function nanos(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1_000_000));
}

export class LocalNet {
  private readonly net: Network;
  private readonly scheduler: Scheduler;
  private readonly ingressCalls: Ingress;
  private readonly management: ManagementClient;
  private readonly contexts: CallContexts;
  /** Ingress calls a restore resumed, by the key their submitter gave: their results, once answered. */
  private readonly resumed = new Map<string, Promise<CallResult>>();
  readonly defaultCaller: Principal;

  private constructor(options: LocalNetOptions) {
    this.defaultCaller = options.defaultCaller ?? Principal.fromText('2vxsx-fae');
    this.net = new Network(
      {
        messageTimeoutMs: options.messageTimeoutMs ?? 20_000,
        roundMs: options.roundMs ?? 100,
        instructionLimits: { ...INSTRUCTION_LIMITS, ...options.instructionLimits },
        onExecuted: options.onExecuted,
        stackSizeMb: options.stackSizeMb ?? 256,
        seed: options.seed ?? 'localnet',
        defaultCycles: options.defaultCycles ?? 100_000_000_000_000n,
        log: options.log,
      },
      BigInt(Math.floor(options.startTimeMs ?? Date.now())) * 1_000_000n,
    );
    const contexts = (this.contexts = new CallContexts(this.net));
    const managementCanister = new ManagementCanister(this.net, contexts);
    this.scheduler = new Scheduler(this.net, new Delivery(this.net, contexts), (m) => managementCanister.handle(m));
    this.ingressCalls = new Ingress(this.net, this.scheduler, (method, arg, caller) =>
      managementCanister.query(method, arg, caller),
    );
    this.management = new ManagementClient(
      (id, method, arg, opts) => this.update(id, method, arg, opts),
      (id) => this.net.canisters.get(id),
      this.defaultCaller,
    );
  }

  static async start(options: LocalNetOptions = {}): Promise<LocalNet> {
    const net = new LocalNet(options);
    if (options.restore) {
      await restoreState(net.net, options.restore);
      if (options.restore.calls) restoreCalls(net.net, net.contexts, options.restore.calls, (key) => net.resume(key));
    }
    return net;
  }

  /** Current IC time in nanoseconds. */
  get time(): bigint {
    return this.net.timeNs;
  }

  /** Moves time forward, then runs every due timer and drains the message queue. */
  async advanceTime(ms: number): Promise<void> {
    if (ms < 0) throw new Error('time only moves forward');
    await this.scheduler.exclusive(async () => {
      this.net.timeNs += nanos(ms);
      await this.scheduler.drain();
    });
  }

  /** Moves time forward to `timeMs` (ms since the epoch) if it is ahead, then runs due timers; never goes back. */
  async advanceTimeTo(timeMs: number): Promise<void> {
    await this.scheduler.exclusive(async () => {
      const target = nanos(timeMs);
      if (target > this.net.timeNs) this.net.timeNs = target;
      await this.scheduler.drain();
    });
  }

  /** Counts executed messages and management changes: a cheap "did anything change" for persistence. */
  get changes(): number {
    return this.net.changeCount;
  }

  /** The ids of all canisters, in creation order. */
  canisterIds(): Principal[] {
    return [...this.net.canisters.values()].map((c) => c.id);
  }

  /** Module hash, controllers and certified data of a canister, or undefined when there is none with that id. */
  certifiedState(id: Principal): CanisterCertifiedState | undefined {
    const c = this.net.canisters.get(id.toText());
    if (!c) return undefined;
    return {
      moduleHash: c.moduleHash,
      controllers: [...c.controllers],
      certifiedData: c.certifiedData,
      metadata: c.metadata,
    };
  }

  /**
   * Whether the canister runs exactly these module bytes: compared with the bytes it was installed from, which
   * is what a redeploy needs to know without hashing megabytes of wasm per canister.
   */
  runsModule(id: Principal, wasm: Uint8Array): boolean {
    const hash = this.net.canisters.get(id.toText())?.moduleHash;
    const installed = hash && this.net.modules.original(hash);
    return installed !== undefined && Buffer.compare(installed, wasm) === 0;
  }

  /** A copy of the whole network, taken while it is idle; `LocalNet.start({ restore })` resumes from it. */
  exportState(): Promise<NetworkSnapshot> {
    return this.scheduler.exclusive(async () => exportState(this.net, this.contexts));
  }

  /**
   * The ingress calls in flight when the network was saved, by the key given to `ingress` (calls given none have
   * nobody to answer after a restart): each result comes once the canister answers.
   */
  resumedIngress(): Map<string, Promise<CallResult>> {
    return new Map(this.resumed);
  }

  private resume(key: string): (r: CallResult) => void {
    let done!: (r: CallResult) => void;
    this.resumed.set(key, new Promise<CallResult>((resolve) => (done = resolve)));
    return done;
  }

  /** Runs every due timer and queued message until the network is idle. */
  async tick(): Promise<void> {
    await this.scheduler.exclusive(() => this.scheduler.drain());
  }

  createCanister(
    opts: { controllers?: Principal[]; cycles?: bigint; caller?: Principal; specifiedId?: Principal } = {},
  ): Promise<Principal> {
    return this.management.createCanister(opts);
  }

  install(
    id: Principal,
    wasm: Uint8Array,
    arg: Uint8Array = emptyArgs(),
    opts: { caller?: Principal; mode?: 'install' | 'reinstall' | 'upgrade' } = {},
  ): Promise<void> {
    return this.management.install(id, wasm, arg, opts);
  }

  upgrade(id: Principal, wasm: Uint8Array, arg: Uint8Array = emptyArgs(), opts: CallOptions = {}): Promise<void> {
    return this.install(id, wasm, arg, { ...opts, mode: 'upgrade' });
  }

  reinstall(id: Principal, wasm: Uint8Array, arg: Uint8Array = emptyArgs(), opts: CallOptions = {}): Promise<void> {
    return this.install(id, wasm, arg, { ...opts, mode: 'reinstall' });
  }

  async stopCanister(id: Principal, opts: CallOptions = {}): Promise<void> {
    await this.management.forCanister('stop_canister', id, opts.caller);
  }

  async startCanister(id: Principal, opts: CallOptions = {}): Promise<void> {
    await this.management.forCanister('start_canister', id, opts.caller);
  }

  async deleteCanister(id: Principal, opts: CallOptions = {}): Promise<void> {
    await this.management.forCanister('delete_canister', id, opts.caller);
  }

  async canisterStatus(id: Principal, opts: CallOptions = {}): Promise<Record<string, unknown>> {
    const reply = await this.management.forCanister('canister_status', id, opts.caller);
    return IDL.decode([M.CanisterStatusResult], copy(reply))[0] as unknown as Record<string, unknown>;
  }

  setControllers(id: Principal, controllers: Principal[], opts: CallOptions = {}): Promise<void> {
    return this.management.setControllers(id, controllers, opts.caller);
  }

  /** An update call as an ingress message: inspect_message first, then the call; returns once the network is idle. */
  update(id: Principal, method: string, arg: Uint8Array, opts: CallOptions = {}): Promise<CallResult> {
    return this.ingressCalls.submit(id.toText(), method, arg, this.callerBytes(opts)).result;
  }

  /**
   * An ingress update in two steps, as the HTTP interface needs them: resolves once the message is accepted
   * (inspect_message passed) or refused, and in the accepted case carries when its round has run (`executed`)
   * and the eventual result, which a call held open across rounds gets later. `key` names the call in a saved
   * network, so its result can still be had after a restart (`resumedIngress`).
   */
  ingress(
    id: Principal,
    method: string,
    arg: Uint8Array,
    opts: CallOptions & { key?: string } = {},
  ): Promise<{ refused: Reject } | { executed: Promise<unknown>; result: Promise<CallResult> }> {
    let decided!: (d: { refused: Reject } | { accepted: true }) => void;
    const decision = new Promise<{ refused: Reject } | { accepted: true }>((resolve) => (decided = resolve));
    const submitted = this.ingressCalls.submit(id.toText(), method, arg, this.callerBytes(opts), decided, opts.key);
    return Promise.race([decision, submitted.executed.then(() => decision)]).then((d) =>
      'refused' in d ? d : submitted,
    );
  }

  /** A query call (non-replicated): every change is discarded; calls to other canisters are not allowed. */
  query(id: Principal, method: string, arg: Uint8Array, opts: CallOptions = {}): Promise<CallResult> {
    return this.ingressCalls.query(id.toText(), method, arg, this.callerBytes(opts));
  }

  /** Encodes/decodes with an `({ IDL }) => IDL.Service` factory; methods reject by throwing CallRejectedError. */
  actor<T = Record<string, (...args: any[]) => Promise<any>>>(
    id: Principal,
    idlFactory: IdlFactory,
    opts: CallOptions = {},
  ): T {
    return makeActor<T>(id, idlFactory, {
      query: (target, method, arg) => this.query(target, method, arg, opts),
      update: (target, method, arg) => this.update(target, method, arg, opts),
    });
  }

  /** Information for tests and benchmarks. */
  info(id: Principal): {
    status: Status;
    heapBytes: number;
    stablePages: number;
    cycles: bigint;
    version: bigint;
    restarts: number;
    globalTimer: bigint;
    controllers: string[];
  } {
    const c = this.net.canisters.get(id.toText());
    if (!c) throw new Error(`no canister ${id.toText()}`);
    return {
      status: c.status,
      heapBytes: c.proc?.heapBytes ?? 0,
      stablePages: c.proc?.stablePageCount ?? 0,
      cycles: c.balance,
      version: c.version,
      restarts: c.proc?.restarts ?? 0,
      globalTimer: c.globalTimer,
      controllers: c.controllers.map((p) => p.toText()),
    };
  }

  async close(): Promise<void> {
    await this.scheduler.close();
    await Promise.all([...this.net.canisters.values()].map((c) => c.proc?.terminate()));
    this.net.canisters.clear();
  }

  private callerBytes(opts: CallOptions): Uint8Array {
    return (opts.caller ?? this.defaultCaller).toUint8Array();
  }
}
