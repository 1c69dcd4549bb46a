/**
 * The local IC: canisters, call contexts, one global FIFO of messages executed one at a time,
 * frozen time advanced explicitly, global timers, and the management canister (aaaaa-aa).
 */
import { createHash } from 'node:crypto';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { CanisterProcess, INSTRUCTION_LIMIT_MESSAGE, type ProcessOptions } from './canister_process.ts';
import type { CanisterSnapshot, NetworkSnapshot } from './snapshot.ts';
import * as M from './management_idl.ts';
import type { Callback, EntryKind, ExecResult, ExecTask, OutgoingCall } from './protocol.ts';
import { CallRejectedError, RejectCode, rejectOf, type CallResult, type Reject } from './reject.ts';
import { Wasm, type WasmModule } from './wasm_api.ts';
import { exportInternals } from './wasm_module.ts';

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
  restore?: NetworkSnapshot;
}

/** What the state tree certifies about a canister. */
export interface CanisterCertifiedState {
  moduleHash?: Uint8Array;
  controllers: Principal[];
  certifiedData: Uint8Array;
}

type Status = 'running' | 'stopping' | 'stopped';

/** An `({ IDL }) => IDL.Service` factory, typed against either Candid library. */
export type IdlFactory = (arg: { IDL: any }) => unknown;

interface Canister {
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
  settings: { freezing_threshold: bigint; memory_allocation: bigint; compute_allocation: bigint; reserved_cycles_limit: bigint; wasm_memory_limit: bigint };
  openContexts: number;
  stopWaiters: CallContext[];
  callbacks: Map<number, PendingCallback>;
}

type Origin =
  | { type: 'ingress'; done: (r: CallResult) => void }
  | { type: 'canister'; canister: string; callbackId: number }
  | { type: 'system' };

interface CallContext {
  id: number;
  canister: string;
  origin: Origin;
  responded: boolean;
  outstanding: number;
  cyclesAvailable: bigint;
  cyclesAccepted: bigint;
  method: string;
  caller: Uint8Array;
}

interface PendingCallback {
  contextId: number;
  reply: Callback;
  reject: Callback;
  cleanup?: Callback;
}

type Message =
  | { kind: 'call'; target: string; method: string; arg: Uint8Array; caller: Uint8Array; cycles: bigint; origin: Origin }
  | { kind: 'response'; target: string; callbackId: number; response: CallResult; refund: bigint }
  | { kind: 'timer'; target: string };

export const MANAGEMENT = Principal.managementCanister();
const MANAGEMENT_TEXT = MANAGEMENT.toText();
const FIRST_CANISTER_INDEX = 0x8000000000100001n;

export class LocalNet {
  private readonly canisters = new Map<string, Canister>();
  private readonly contexts = new Map<number, CallContext>();
  private readonly queue: Message[] = [];
  private readonly modules = new Map<string, WasmModule>();
  private readonly moduleBytes = new Map<string, Uint8Array>();
  private changeCount = 0;
  private nextContext = 1;
  private nextCallback = 1;
  private nextCanister = FIRST_CANISTER_INDEX;
  private randCounter = 0;
  private timeNs: bigint;
  private serial: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly defaultCaller: Principal;
  private readonly options: ProcessOptions & Required<Pick<LocalNetOptions, 'seed' | 'defaultCycles'>> & Pick<LocalNetOptions, 'log'>;

  private constructor(options: LocalNetOptions) {
    this.timeNs = BigInt(Math.floor(options.startTimeMs ?? Date.now())) * 1_000_000n;
    this.defaultCaller = options.defaultCaller ?? Principal.fromText('2vxsx-fae');
    this.options = {
      messageTimeoutMs: options.messageTimeoutMs ?? 20_000,
      stackSizeMb: options.stackSizeMb ?? 256,
      seed: options.seed ?? 'localnet',
      defaultCycles: options.defaultCycles ?? 100_000_000_000_000n,
      log: options.log,
    };
  }

  static async start(options: LocalNetOptions = {}): Promise<LocalNet> {
    const net = new LocalNet(options);
    if (options.restore) await net.restore(options.restore);
    return net;
  }

  // ---------------------------------------------------------------- public API

  /** Current IC time in nanoseconds. */
  get time(): bigint {
    return this.timeNs;
  }

  /** Moves time forward, then runs every due timer and drains the message queue. */
  async advanceTime(ms: number): Promise<void> {
    if (ms < 0) throw new Error('time only moves forward');
    await this.exclusive(async () => {
      this.timeNs += BigInt(Math.round(ms * 1_000_000));
      await this.drain();
    });
  }

  /** Moves time forward to `timeMs` (ms since the epoch) if it is ahead, then runs due timers; never goes back. */
  async advanceTimeTo(timeMs: number): Promise<void> {
    await this.exclusive(async () => {
      const target = BigInt(Math.floor(timeMs * 1_000_000));
      if (target > this.timeNs) this.timeNs = target;
      await this.drain();
    });
  }

  /** Counts executed messages and management changes: a cheap "did anything change" for persistence. */
  get changes(): number {
    return this.changeCount;
  }

  /** The ids of all canisters, in creation order. */
  canisterIds(): Principal[] {
    return [...this.canisters.values()].map((c) => c.id);
  }

  /** Module hash, controllers and certified data of a canister, or undefined when there is none with that id. */
  certifiedState(id: Principal): CanisterCertifiedState | undefined {
    const c = this.canisters.get(id.toText());
    if (!c) return undefined;
    return { moduleHash: c.moduleHash, controllers: [...c.controllers], certifiedData: c.certifiedData };
  }

  /** A copy of the whole network, taken while it is idle; `LocalNet.start({ restore })` resumes from it. */
  exportState(): Promise<NetworkSnapshot> {
    return this.exclusive(async () => {
      const canisters: CanisterSnapshot[] = [];
      for (const c of this.canisters.values()) {
        const hashHex = c.moduleHash ? Buffer.from(c.moduleHash).toString('hex') : undefined;
        canisters.push({
          id: c.idText,
          controllers: c.controllers.map((p) => p.toText()),
          status: c.status === 'stopped' ? 'stopped' : 'running',
          balance: c.balance,
          version: c.version,
          globalTimer: c.globalTimer,
          certifiedData: c.certifiedData,
          settings: { ...c.settings },
          module:
            c.proc && c.moduleHash && hashHex && this.moduleBytes.has(hashHex)
              ? { hash: c.moduleHash, wasm: this.moduleBytes.get(hashHex)!, checkpoint: c.proc.checkpoint() }
              : undefined,
        });
      }
      return { timeNs: this.timeNs, nextCanister: this.nextCanister, randCounter: this.randCounter, canisters };
    });
  }

  /** Runs every due timer and queued message until the network is idle. */
  async tick(): Promise<void> {
    await this.exclusive(() => this.drain());
  }

  async createCanister(opts: { controllers?: Principal[]; cycles?: bigint; caller?: Principal; specifiedId?: Principal } = {}): Promise<Principal> {
    const caller = opts.caller ?? this.defaultCaller;
    const arg = IDL.encode([M.ManagementArgs.provisional_create_canister_with_cycles!], [
      {
        amount: opts.cycles === undefined ? [] : [opts.cycles],
        settings: opts.controllers ? [{ ...emptySettings(), controllers: [opts.controllers] }] : [],
        specified_id: opts.specifiedId ? [opts.specifiedId] : [],
        sender_canister_version: [],
      },
    ]);
    const reply = expectReply(await this.update(MANAGEMENT, 'provisional_create_canister_with_cycles', arg, { caller }));
    const [record] = IDL.decode([M.CreateCanisterResult], copy(reply)) as unknown as [{ canister_id: { toText(): string } }];
    return Principal.fromText(record.canister_id.toText());
  }

  async install(id: Principal, wasm: Uint8Array, arg: Uint8Array = emptyArgs(), opts: { caller?: Principal; mode?: 'install' | 'reinstall' | 'upgrade' } = {}): Promise<void> {
    const mode = opts.mode ?? 'install';
    const encoded = IDL.encode([M.ManagementArgs.install_code!], [
      {
        mode: mode === 'upgrade' ? { upgrade: [] } : { [mode]: null },
        canister_id: id,
        wasm_module: wasm,
        arg,
        sender_canister_version: [],
      },
    ]);
    expectReply(await this.update(MANAGEMENT, 'install_code', encoded, { caller: opts.caller ?? this.controllerOf(id) }));
  }

  upgrade(id: Principal, wasm: Uint8Array, arg: Uint8Array = emptyArgs(), opts: { caller?: Principal } = {}): Promise<void> {
    return this.install(id, wasm, arg, { ...opts, mode: 'upgrade' });
  }

  reinstall(id: Principal, wasm: Uint8Array, arg: Uint8Array = emptyArgs(), opts: { caller?: Principal } = {}): Promise<void> {
    return this.install(id, wasm, arg, { ...opts, mode: 'reinstall' });
  }

  async stopCanister(id: Principal, opts: { caller?: Principal } = {}): Promise<void> {
    await this.simpleManagement('stop_canister', id, opts.caller);
  }

  async startCanister(id: Principal, opts: { caller?: Principal } = {}): Promise<void> {
    await this.simpleManagement('start_canister', id, opts.caller);
  }

  async deleteCanister(id: Principal, opts: { caller?: Principal } = {}): Promise<void> {
    await this.simpleManagement('delete_canister', id, opts.caller);
  }

  async canisterStatus(id: Principal, opts: { caller?: Principal } = {}): Promise<Record<string, unknown>> {
    const reply = await this.simpleManagement('canister_status', id, opts.caller);
    return IDL.decode([M.CanisterStatusResult], copy(reply))[0] as unknown as Record<string, unknown>;
  }

  async setControllers(id: Principal, controllers: Principal[], opts: { caller?: Principal } = {}): Promise<void> {
    const arg = IDL.encode([M.ManagementArgs.update_settings!], [
      { canister_id: id, settings: { ...emptySettings(), controllers: [controllers] }, sender_canister_version: [] },
    ]);
    expectReply(await this.update(MANAGEMENT, 'update_settings', arg, { caller: opts.caller ?? this.controllerOf(id) }));
  }

  /** An update call as an ingress message: inspect_message first, then the call; returns once the network is idle. */
  async update(id: Principal, method: string, arg: Uint8Array, opts: { caller?: Principal } = {}): Promise<CallResult> {
    const caller = (opts.caller ?? this.defaultCaller).toUint8Array();
    return this.exclusive(async () => {
      const target = id.toText();
      if (target !== MANAGEMENT_TEXT) {
        const refused = await this.inspect(target, method, arg, caller);
        if (refused) return refused;
      }
      let result: CallResult | undefined;
      this.queue.push({ kind: 'call', target, method, arg, caller, cycles: 0n, origin: { type: 'ingress', done: (r) => (result = r) } });
      await this.drain();
      return result ?? rejectOf(RejectCode.SYS_UNKNOWN, 'the call did not complete');
    });
  }

  /**
   * An ingress update in two steps, as the HTTP interface needs them: resolves once the message is accepted
   * (inspect_message passed) or refused, and in the accepted case carries the eventual result.
   */
  ingress(id: Principal, method: string, arg: Uint8Array, opts: { caller?: Principal } = {}): Promise<{ refused: Reject } | { result: Promise<CallResult> }> {
    const caller = (opts.caller ?? this.defaultCaller).toUint8Array();
    let decided!: (d: { refused: Reject } | { accepted: true }) => void;
    const decision = new Promise<{ refused: Reject } | { accepted: true }>((resolve) => (decided = resolve));
    const result = this.exclusive(async () => {
      const target = id.toText();
      if (target !== MANAGEMENT_TEXT) {
        const refused = await this.inspect(target, method, arg, caller);
        if (refused) {
          decided({ refused: (refused as { reject: Reject }).reject });
          return refused;
        }
      }
      decided({ accepted: true });
      let outcome: CallResult | undefined;
      this.queue.push({ kind: 'call', target, method, arg, caller, cycles: 0n, origin: { type: 'ingress', done: (r) => (outcome = r) } });
      await this.drain();
      return outcome ?? rejectOf(RejectCode.SYS_UNKNOWN, 'the call did not complete');
    });
    return Promise.race([decision, result.then(() => decision)]).then((d) => ('refused' in d ? d : { result }));
  }

  /** A query call (non-replicated): every change is discarded; calls to other canisters are not allowed. */
  async query(id: Principal, method: string, arg: Uint8Array, opts: { caller?: Principal } = {}): Promise<CallResult> {
    const caller = (opts.caller ?? this.defaultCaller).toUint8Array();
    return this.exclusive(async () => {
      const c = this.canisters.get(id.toText());
      const unavailable = this.unavailable(id.toText(), c);
      if (unavailable) return unavailable;
      const exportName = `canister_query ${method}`;
      if (!c!.proc!.exports.has(exportName)) {
        const composite = c!.proc!.exports.has(`canister_composite_query ${method}`);
        return rejectOf(
          RejectCode.CANISTER_ERROR,
          composite
            ? `Canister ${c!.idText}: composite queries are not supported by localnet yet`
            : `Canister ${c!.idText} has no query method '${method}'`,
          'IC0536',
        );
      }
      const r = await this.run(c!, { kind: 'NRQ', exportName, arg, caller, methodName: method, commit: false });
      if (r.trap) return rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${c!.idText}: ${r.trap}`, trapErrorCode(r.trap));
      if (r.reply) return { reply: r.reply };
      if (r.reject !== undefined) return rejectOf(RejectCode.CANISTER_REJECT, r.reject);
      return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c!.idText} did not reply to the call`, 'IC0506');
    });
  }

  /** Encodes/decodes with an `({ IDL }) => IDL.Service` factory; methods reject by throwing CallRejectedError. */
  actor<T = Record<string, (...args: any[]) => Promise<any>>>(id: Principal, idlFactory: IdlFactory, opts: { caller?: Principal } = {}): T {
    // Factories typed against @icp-sdk/core's or @dfinity/candid's IDL both work: they get @dfinity/candid's.
    const service = (idlFactory as (arg: { IDL: typeof IDL }) => IDL.ServiceClass)({ IDL });
    const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const [name, func] of service._fields) {
      out[name] = async (...args: unknown[]) => {
        const arg = new Uint8Array(IDL.encode(func.argTypes, args));
        const isQuery = func.annotations.includes('query') || func.annotations.includes('composite_query');
        const r = isQuery ? await this.query(id, name, arg, opts) : await this.update(id, name, arg, opts);
        if ('reject' in r) throw new CallRejectedError(r.reject);
        const decoded = IDL.decode(func.retTypes, copy(r.reply));
        return decoded.length === 0 ? undefined : decoded.length === 1 ? decoded[0] : decoded;
      };
    }
    return out as T;
  }

  /** Information for tests and benchmarks. */
  info(id: Principal): { status: Status; heapBytes: number; stablePages: number; cycles: bigint; version: bigint; restarts: number; globalTimer: bigint; controllers: string[] } {
    const c = this.mustGet(id.toText());
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
    this.closed = true;
    await this.serial.catch(() => undefined);
    await Promise.all([...this.canisters.values()].map((c) => c.proc?.terminate()));
    this.canisters.clear();
  }

  // ---------------------------------------------------------------- scheduling

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('LocalNet is closed'));
    const next = this.serial.then(fn);
    this.serial = next.catch(() => undefined);
    return next;
  }

  private async drain(): Promise<void> {
    for (let rounds = 0; rounds < 10_000; rounds++) {
      while (this.queue.length > 0) await this.process(this.queue.shift()!);
      // Queue empty: the due global timers fire (one round), possibly enqueueing more work.
      let fired = false;
      for (const c of this.canisters.values()) {
        if (c.proc && c.status === 'running' && c.globalTimer !== 0n && c.globalTimer <= this.timeNs) {
          c.globalTimer = 0n;
          if (c.proc.exports.has('canister_global_timer')) {
            this.queue.push({ kind: 'timer', target: c.idText });
            fired = true;
          }
        }
      }
      if (!fired) return;
    }
    throw new Error('localnet: the network did not become idle after 10000 timer rounds (a timer re-arming at the current time?)');
  }

  private async process(m: Message): Promise<void> {
    this.changeCount++;
    if (m.kind === 'call') return m.target === MANAGEMENT_TEXT ? this.management(m) : this.deliverCall(m);
    if (m.kind === 'response') return this.deliverResponse(m);
    return this.deliverTimer(m);
  }

  private newContext(canister: string, origin: Origin, method: string, caller: Uint8Array, cycles: bigint): CallContext {
    const ctx: CallContext = { id: this.nextContext++, canister, origin, responded: false, outstanding: 0, cyclesAvailable: cycles, cyclesAccepted: 0n, method, caller };
    this.contexts.set(ctx.id, ctx);
    const c = this.canisters.get(canister);
    if (c) c.openContexts++;
    return ctx;
  }

  private async deliverCall(m: Extract<Message, { kind: 'call' }>): Promise<void> {
    const c = this.canisters.get(m.target);
    const unavailable = this.unavailable(m.target, c);
    if (unavailable) return this.respondTo(m.origin, unavailable, m.cycles);
    let kind: EntryKind = 'U';
    let exportName = `canister_update ${m.method}`;
    if (!c!.proc!.exports.has(exportName)) {
      exportName = `canister_query ${m.method}`;
      kind = 'RQ';
      if (!c!.proc!.exports.has(exportName)) {
        return this.respondTo(m.origin, rejectOf(RejectCode.CANISTER_ERROR, `Canister ${m.target} has no update method '${m.method}'`, 'IC0536'), m.cycles);
      }
    }
    const ctx = this.newContext(m.target, m.origin, m.method, m.caller, m.cycles);
    const r = await this.run(c!, { kind, exportName, arg: m.arg, caller: m.caller, methodName: m.method, commit: kind === 'U', cyclesAvailable: m.cycles });
    this.settle(c!, ctx, r);
  }

  private async deliverResponse(m: Extract<Message, { kind: 'response' }>): Promise<void> {
    const c = this.canisters.get(m.target);
    if (!c) return;
    const cb = c.callbacks.get(m.callbackId);
    if (!cb) return;
    c.callbacks.delete(m.callbackId);
    const ctx = this.contexts.get(cb.contextId)!;
    ctx.outstanding--;
    c.balance += m.refund;
    if (!c.proc) return this.closeIfDone(c, ctx);
    const isReply = 'reply' in m.response;
    const task: Partial<ExecTask> & Pick<ExecTask, 'kind'> = isReply
      ? { kind: 'Ry', callback: cb.reply, arg: (m.response as { reply: Uint8Array }).reply }
      : {
          kind: 'Rt',
          callback: cb.reject,
          rejectCode: (m.response as { reject: Reject }).reject.code,
          rejectMessage: (m.response as { reject: Reject }).reject.message,
        };
    const r = await this.run(c, { ...task, caller: ctx.caller, methodName: ctx.method, canRespond: !ctx.responded, cyclesRefunded: m.refund, commit: true });
    if (r.trap && cb.cleanup) {
      const cleanup = await this.run(c, { kind: 'C', callback: cb.cleanup, caller: ctx.caller, methodName: ctx.method, canRespond: false, commit: true });
      if (cleanup.trap) this.log(c.idText, `cleanup callback trapped: ${cleanup.trap}`);
      else this.apply(c, ctx, cleanup);
    }
    this.settle(c, ctx, r);
  }

  private async deliverTimer(m: Extract<Message, { kind: 'timer' }>): Promise<void> {
    const c = this.canisters.get(m.target);
    if (!c?.proc || c.status !== 'running') return;
    const ctx = this.newContext(c.idText, { type: 'system' }, 'canister_global_timer', MANAGEMENT.toUint8Array(), 0n);
    const r = await this.run(c, { kind: 'T', exportName: 'canister_global_timer', caller: MANAGEMENT.toUint8Array(), canRespond: false, commit: true });
    if (r.trap) this.log(c.idText, `canister_global_timer trapped: ${r.trap}`);
    this.settle(c, ctx, r);
  }

  /** Applies a committed execution's effects: cycles, timer, certified data, outgoing calls. */
  private apply(c: Canister, ctx: CallContext, r: ExecResult): void {
    c.balance += r.cyclesAccepted - r.cyclesBurned;
    ctx.cyclesAccepted += r.cyclesAccepted;
    c.globalTimer = r.globalTimer;
    if (r.certifiedData) c.certifiedData = r.certifiedData;
    c.version++;
    for (const call of r.calls) this.enqueueCall(c, ctx, call);
  }

  private enqueueCall(c: Canister, ctx: CallContext, call: OutgoingCall): void {
    c.balance -= call.cycles;
    const callbackId = this.nextCallback++;
    c.callbacks.set(callbackId, { contextId: ctx.id, reply: call.reply, reject: call.reject, cleanup: call.cleanup });
    ctx.outstanding++;
    let target: string;
    try {
      target = Principal.fromUint8Array(call.callee).toText();
    } catch {
      target = '';
    }
    this.queue.push({ kind: 'call', target, method: call.method, arg: call.arg, caller: c.idBytes, cycles: call.cycles, origin: { type: 'canister', canister: c.idText, callbackId } });
  }

  /** After an execution in a call context: respond if it replied/rejected/trapped, or "did not reply" once nothing is outstanding. */
  private settle(c: Canister, ctx: CallContext, r: ExecResult): void {
    for (const line of r.logs) this.log(c.idText, line);
    if (r.trap) {
      if (!ctx.responded && (ctx.outstanding === 0 || ctx.origin.type !== 'system')) {
        // A trap in the message that would have replied: the caller learns of it now, unless calls are still out
        // (then a later callback may still reply; it is rejected when the last one settles).
        if (ctx.outstanding === 0) this.respond(ctx, rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${c.idText}: ${r.trap}`, trapErrorCode(r.trap)));
      }
    } else {
      this.apply(c, ctx, r);
      if (r.reply) this.respond(ctx, { reply: r.reply });
      else if (r.reject !== undefined) this.respond(ctx, rejectOf(RejectCode.CANISTER_REJECT, r.reject));
    }
    if (!ctx.responded && ctx.outstanding === 0 && ctx.origin.type !== 'system') {
      this.respond(ctx, rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} did not reply to the call`, 'IC0506'));
    }
    this.closeIfDone(c, ctx);
  }

  private closeIfDone(c: Canister, ctx: CallContext): void {
    if (ctx.outstanding > 0 || (!ctx.responded && ctx.origin.type !== 'system')) return;
    if (!this.contexts.delete(ctx.id)) return;
    c.openContexts--;
    if (c.status === 'stopping' && c.openContexts === 0) this.finishStopping(c);
  }

  private respond(ctx: CallContext, result: CallResult): void {
    ctx.responded = true;
    this.respondTo(ctx.origin, result, ctx.cyclesAvailable - ctx.cyclesAccepted);
  }

  private respondTo(origin: Origin, result: CallResult, refund: bigint): void {
    if (origin.type === 'ingress') origin.done(result);
    else if (origin.type === 'canister') this.queue.push({ kind: 'response', target: origin.canister, callbackId: origin.callbackId, response: result, refund });
  }

  private unavailable(target: string, c: Canister | undefined): CallResult | undefined {
    if (!c) return rejectOf(RejectCode.DESTINATION_INVALID, `Canister ${target} not found`, 'IC0301');
    if (c.status === 'stopped') return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} is stopped`, 'IC0508');
    if (c.status === 'stopping') return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} is stopping`, 'IC0509');
    if (!c.proc) return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} has no Wasm module`, 'IC0537');
    return undefined;
  }

  private async inspect(target: string, method: string, arg: Uint8Array, caller: Uint8Array): Promise<CallResult | undefined> {
    const c = this.canisters.get(target);
    if (this.unavailable(target, c)) return this.unavailable(target, c);
    const exports = c!.proc!.exports;
    if (!exports.has(`canister_update ${method}`) && !exports.has(`canister_query ${method}`)) {
      return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} has no update method '${method}'`, 'IC0536');
    }
    if (!exports.has('canister_inspect_message')) return undefined;
    const r = await this.run(c!, { kind: 'F', exportName: 'canister_inspect_message', arg, caller, methodName: method, commit: false });
    for (const line of r.logs) this.log(target, line);
    if (r.trap) return rejectOf(RejectCode.CANISTER_REJECT, `Canister ${target} rejected the message: ${r.trap}`, 'IC0406');
    if (!r.accepted) return rejectOf(RejectCode.CANISTER_REJECT, `Canister ${target} rejected the message: it did not call ic0.accept_message`, 'IC0406');
    return undefined;
  }

  private run(c: Canister, t: Partial<ExecTask> & Pick<ExecTask, 'kind' | 'commit'>, exportStable = false): Promise<ExecResult> {
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
      ...t,
    };
    return c.proc!.exec(task, exportStable);
  }

  private log(canister: string, line: string): void {
    this.options.log?.(canister, line);
  }

  private mustGet(id: string): Canister {
    const c = this.canisters.get(id);
    if (!c) throw new Error(`no canister ${id}`);
    return c;
  }

  private controllerOf(id: Principal): Principal {
    const c = this.canisters.get(id.toText());
    if (c && !c.controllers.some((p) => p.toText() === this.defaultCaller.toText()) && c.controllers.length > 0) return c.controllers[0]!;
    return this.defaultCaller;
  }

  private async simpleManagement(method: string, id: Principal, caller?: Principal): Promise<Uint8Array> {
    const arg = IDL.encode([M.CanisterIdRecord], [{ canister_id: id }]);
    return expectReply(await this.update(MANAGEMENT, method, arg, { caller: caller ?? this.controllerOf(id) }));
  }

  // ---------------------------------------------------------------- management canister

  private async management(m: Extract<Message, { kind: 'call' }>): Promise<void> {
    const ctx = this.newContext(MANAGEMENT_TEXT, m.origin, m.method, m.caller, m.cycles);
    let result: CallResult | 'pending';
    try {
      result = await this.managementMethod(m, ctx);
    } catch (error) {
      result = rejectOf(RejectCode.CANISTER_ERROR, error instanceof Error ? error.message : String(error));
    }
    if (result === 'pending') return; // stop_canister answers when the canister has stopped
    if ('reply' in result) ctx.cyclesAccepted = ctx.cyclesAvailable;
    this.respond(ctx, result);
    this.contexts.delete(ctx.id);
  }

  private async managementMethod(m: Extract<Message, { kind: 'call' }>, ctx: CallContext): Promise<CallResult | 'pending'> {
    const caller = Principal.fromUint8Array(m.caller);
    const reply = (types: IDL.Type[], values: unknown[]): CallResult => ({ reply: new Uint8Array(IDL.encode(types, values)) });
    if (m.method === 'raw_rand') {
      const bytes = createHash('sha256').update(`${this.options.seed}:${this.randCounter++}`).digest();
      return reply([IDL.Vec(IDL.Nat8)], [new Uint8Array(bytes)]);
    }
    const argType = M.ManagementArgs[m.method];
    if (!argType) {
      return rejectOf(RejectCode.DESTINATION_INVALID, `Management canister method '${m.method}' is not implemented by localnet`, 'IC0536');
    }
    let arg: any;
    try {
      [arg] = IDL.decode([argType], copy(m.arg)) as any[];
    } catch (error) {
      return rejectOf(RejectCode.CANISTER_REJECT, `Error decoding the argument of ${m.method}: ${error instanceof Error ? error.message : String(error)}`, 'IC0503');
    }
    if (m.method === 'create_canister' || m.method === 'provisional_create_canister_with_cycles') {
      const settings = arg.settings[0];
      const controllers: Principal[] = settings?.controllers?.[0]?.map(toPrincipal) ?? [caller];
      if (controllers.length > 10) return rejectOf(RejectCode.CANISTER_REJECT, 'A canister can have at most 10 controllers', 'IC0503');
      let id: Principal;
      if (arg.specified_id?.[0]) {
        id = toPrincipal(arg.specified_id[0]);
        if (this.canisters.has(id.toText())) return rejectOf(RejectCode.CANISTER_REJECT, `Canister ${id.toText()} already exists`, 'IC0503');
      } else id = this.allocateId();
      const cycles = m.method === 'create_canister' ? m.cycles : (arg.amount?.[0] ?? this.options.defaultCycles);
      this.canisters.set(id.toText(), {
        id, idText: id.toText(), idBytes: id.toUint8Array(), controllers, status: 'running', balance: BigInt(cycles), version: 0n, globalTimer: 0n,
        certifiedData: new Uint8Array(0), openContexts: 0, stopWaiters: [], callbacks: new Map(),
        settings: {
          freezing_threshold: BigInt(settings?.freezing_threshold?.[0] ?? 2_592_000n),
          memory_allocation: BigInt(settings?.memory_allocation?.[0] ?? 0n),
          compute_allocation: BigInt(settings?.compute_allocation?.[0] ?? 0n),
          reserved_cycles_limit: BigInt(settings?.reserved_cycles_limit?.[0] ?? 5_000_000_000_000n),
          wasm_memory_limit: BigInt(settings?.wasm_memory_limit?.[0] ?? 3_221_225_472n),
        },
      });
      return reply([M.CreateCanisterResult], [{ canister_id: id }]);
    }
    const target = toPrincipal(arg.canister_id).toText();
    const c = this.canisters.get(target);
    if (!c) return rejectOf(RejectCode.DESTINATION_INVALID, `Canister ${target} not found`, 'IC0301');
    if (m.method === 'deposit_cycles' || m.method === 'provisional_top_up_canister') {
      c.balance += m.method === 'deposit_cycles' ? m.cycles : BigInt(arg.amount);
      return reply([], []);
    }
    if (!c.controllers.some((p) => p.toText() === caller.toText())) {
      return rejectOf(
        RejectCode.CANISTER_ERROR,
        `Only controllers of canister ${target} can call ic00 method ${m.method}. Sender ${caller.toText()} is not a controller.`,
        'IC0512',
      );
    }
    switch (m.method) {
      case 'install_code':
        return this.installCode(c, arg, caller);
      case 'uninstall_code':
        await c.proc?.terminate();
        c.proc = undefined;
        c.moduleHash = undefined;
        c.globalTimer = 0n;
        c.version++;
        this.rejectOutstandingCallbacks(c);
        return reply([], []);
      case 'update_settings': {
        const s = arg.settings;
        if (s.controllers?.[0]) {
          if (s.controllers[0].length > 10) return rejectOf(RejectCode.CANISTER_REJECT, 'A canister can have at most 10 controllers', 'IC0503');
          c.controllers = s.controllers[0].map(toPrincipal);
        }
        for (const key of ['freezing_threshold', 'memory_allocation', 'compute_allocation', 'reserved_cycles_limit', 'wasm_memory_limit'] as const) {
          if (s[key]?.[0] !== undefined) c.settings[key] = BigInt(s[key][0]);
        }
        c.version++;
        return reply([], []);
      }
      case 'canister_status':
        return reply([M.CanisterStatusResult], [
          {
            status: { [c.status]: null },
            settings: { ...c.settings, controllers: c.controllers, log_visibility: { controllers: null }, wasm_memory_threshold: 0n },
            module_hash: c.moduleHash ? [c.moduleHash] : [],
            memory_size: BigInt((c.proc?.heapBytes ?? 0) + (c.proc?.stablePageCount ?? 0) * 65536),
            cycles: c.balance,
            reserved_cycles: 0n,
            idle_cycles_burned_per_day: 0n,
            query_stats: { num_calls_total: 0n, num_instructions_total: 0n, request_payload_bytes_total: 0n, response_payload_bytes_total: 0n },
          },
        ]);
      case 'start_canister': {
        const waiters = c.stopWaiters.splice(0);
        for (const w of waiters) this.respond(w, rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} was started while it was stopping`, 'IC0510'));
        if (c.status !== 'running') c.version++;
        c.status = 'running';
        return reply([], []);
      }
      case 'stop_canister':
        if (c.status === 'stopped') return reply([], []);
        if (c.status === 'running') c.version++;
        c.status = 'stopping';
        c.stopWaiters.push(ctx);
        if (c.openContexts === 0) this.finishStopping(c);
        return 'pending';
      case 'delete_canister':
        if (c.status !== 'stopped') return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${target} must be stopped before it is deleted.`, 'IC0510');
        await c.proc?.terminate();
        this.canisters.delete(target);
        return reply([], []);
    }
    return rejectOf(RejectCode.DESTINATION_INVALID, `Management canister method '${m.method}' is not implemented by localnet`, 'IC0536');
  }

  private finishStopping(c: Canister): void {
    c.status = 'stopped';
    c.version++;
    const waiters = c.stopWaiters.splice(0);
    for (const w of waiters) {
      this.respond(w, { reply: new Uint8Array(IDL.encode([], [])) });
      this.contexts.delete(w.id);
    }
  }

  private rejectOutstandingCallbacks(c: Canister): void {
    for (const [id, cb] of c.callbacks) {
      c.callbacks.delete(id);
      const ctx = this.contexts.get(cb.contextId);
      if (!ctx) continue;
      ctx.outstanding--;
      if (!ctx.responded && ctx.outstanding === 0) this.respond(ctx, rejectOf(RejectCode.CANISTER_REJECT, 'Canister has been uninstalled.', 'IC0536'));
      this.closeIfDone(c, ctx);
    }
  }

  private async compile(wasm: Uint8Array): Promise<{ module: WasmModule; hash: Uint8Array }> {
    const hash = new Uint8Array(createHash('sha256').update(wasm).digest());
    const key = Buffer.from(hash).toString('hex');
    let module = this.modules.get(key);
    if (!this.moduleBytes.has(key)) this.moduleBytes.set(key, wasm);
    if (!module) {
      let bytes = wasm;
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array((await import('node:zlib')).gunzipSync(bytes));
      module = await Wasm.compile(exportInternals(bytes));
      this.modules.set(key, module);
    }
    return { module, hash };
  }

  private async installCode(c: Canister, arg: any, caller: Principal): Promise<CallResult> {
    const mode = Object.keys(arg.mode)[0] as 'install' | 'reinstall' | 'upgrade';
    if (mode === 'install' && c.proc) {
      return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`, 'IC0538');
    }
    if (mode === 'upgrade' && !c.proc) return rejectOf(RejectCode.CANISTER_ERROR, `Canister ${c.idText} has no Wasm module to upgrade`, 'IC0537');
    let compiled: { module: WasmModule; hash: Uint8Array };
    try {
      compiled = await this.compile(new Uint8Array(arg.wasm_module));
    } catch (error) {
      return rejectOf(RejectCode.CANISTER_ERROR, `Wasm module of canister ${c.idText} is invalid: ${error instanceof Error ? error.message : String(error)}`, 'IC0505');
    }
    const initArg = new Uint8Array(arg.arg);
    const callerBytes = caller.toUint8Array();
    let restore: { stablePages: Map<number, SharedArrayBuffer>; stableSize: number } | undefined;
    const old = c.proc;
    if (mode === 'upgrade') {
      const skip = arg.mode.upgrade?.[0]?.skip_pre_upgrade?.[0] === true;
      if (!skip && old!.exports.has('canister_pre_upgrade')) {
        // Executed without committing: if the upgrade fails, the old instance stays exactly as it was.
        const pre = await this.run(c, { kind: 'G', exportName: 'canister_pre_upgrade', caller: callerBytes, canRespond: false, commit: false }, true);
        for (const line of pre.logs) this.log(c.idText, line);
        if (pre.trap) return rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${c.idText}: canister_pre_upgrade trapped: ${pre.trap}`, trapErrorCode(pre.trap));
        restore = { stablePages: pre.stableImage!, stableSize: pre.stablePages };
      } else {
        const cp = old!.checkpoint();
        restore = { stablePages: cp.stablePages, stableSize: cp.stableSize };
      }
    }
    const proc = await CanisterProcess.start(compiled.module, c.idBytes, this.options, restore);
    const entry = mode === 'upgrade' ? 'canister_post_upgrade' : 'canister_init';
    const previous = { proc: c.proc, version: c.version, globalTimer: c.globalTimer, certifiedData: c.certifiedData, moduleHash: c.moduleHash };
    c.proc = proc;
    c.version++;
    c.globalTimer = 0n; // timers are deactivated by install_code
    let r: ExecResult | undefined;
    if (proc.exports.has(entry)) r = await this.run(c, { kind: 'I', exportName: entry, arg: initArg, caller: callerBytes, canRespond: false, commit: true });
    if (r) for (const line of r.logs) this.log(c.idText, line);
    if (r?.trap) {
      Object.assign(c, previous);
      await proc.terminate();
      return rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${c.idText}: ${entry} trapped: ${r.trap}`, trapErrorCode(r.trap));
    }
    await old?.terminate();
    c.moduleHash = compiled.hash;
    if (mode !== 'install') this.rejectOutstandingCallbacks(c);
    if (r) {
      const ctx = this.newContext(c.idText, { type: 'system' }, entry, callerBytes, 0n);
      this.settle(c, ctx, r);
    }
    return { reply: new Uint8Array(IDL.encode([], [])) };
  }

  private async restore(state: NetworkSnapshot): Promise<void> {
    this.timeNs = state.timeNs > this.timeNs ? state.timeNs : this.timeNs;
    this.nextCanister = state.nextCanister;
    this.randCounter = state.randCounter;
    for (const s of state.canisters) {
      const id = Principal.fromText(s.id);
      const c: Canister = {
        id, idText: s.id, idBytes: id.toUint8Array(), controllers: s.controllers.map((p) => Principal.fromText(p)), status: s.status,
        balance: s.balance, version: s.version, globalTimer: s.globalTimer, certifiedData: s.certifiedData, settings: { ...s.settings },
        openContexts: 0, stopWaiters: [], callbacks: new Map(),
      };
      if (s.module) {
        const compiled = await this.compile(s.module.wasm);
        c.proc = await CanisterProcess.start(compiled.module, c.idBytes, this.options, s.module.checkpoint);
        c.moduleHash = compiled.hash;
      }
      this.canisters.set(s.id, c);
    }
  }

  private allocateId(): Principal {
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

function emptySettings() {
  return { controllers: [], compute_allocation: [], memory_allocation: [], freezing_threshold: [], reserved_cycles_limit: [], wasm_memory_limit: [] };
}

export function emptyArgs(): Uint8Array {
  return new Uint8Array(IDL.encode([], []));
}

function expectReply(r: CallResult): Uint8Array {
  if ('reject' in r) throw new CallRejectedError(r.reject);
  return r.reply;
}

function toPrincipal(p: { toUint8Array(): Uint8Array }): Principal {
  return Principal.fromUint8Array(p.toUint8Array());
}

/** @dfinity/candid 3.4's IDL.decode ignores byteOffset: always hand it a fresh buffer. */
export function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function trapErrorCode(trap: string): string {
  if (trap === INSTRUCTION_LIMIT_MESSAGE) return 'IC0522';
  if (trap.includes('ic0.trap')) return 'IC0503';
  return 'IC0502';
}
