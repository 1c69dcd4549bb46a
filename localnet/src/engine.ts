/**
 * Executes one canister's wasm under the IC System API (ic0), one message at a time, synchronously.
 * Runs inside the canister's worker thread. Every message either commits (heap, globals, stable memory)
 * or is rolled back completely: a trap, a query and inspect_message leave no trace.
 *
 * Committed heap = a copy of linear memory in a SharedArrayBuffer taken after every committed message,
 * so the scheduler still holds the last committed state when the watchdog has to kill the worker. Two such
 * buffers alternate: a commit writes the one the scheduler does not hold, so a kill while the copy is being
 * made leaves the scheduler's snapshot complete.
 * Stable memory = sparse 64 KiB pages; committed pages are never written in place: the first write in a
 * message copies the page into a working overlay that becomes committed only if the message commits.
 */
import type { Callback, Checkpoint, EntryKind, ExecResult, ExecTask, HeapSnapshot, OutgoingCall } from './protocol.ts';
import { Wasm, type WasmGlobal, type WasmInstance, type WasmMemory, type WasmModule, type WasmTable } from './wasm_api.ts';
import { GLOBAL_EXPORT_PREFIX, inspectModule, TABLE_EXPORT, type ValType } from './wasm_module.ts';

export const PAGE = 65536;
const MAX_STABLE_PAGES = 500 * 16384; // 500 GiB, the replica's limit
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024 + 100;

export class Trap extends Error {}

type Ic0 = Record<string, (...args: any[]) => any>;

/** Which entry points may call which System API function (interface spec, "Overview of imports"). */
const ALL: EntryKind[] = ['I', 'G', 'U', 'RQ', 'NRQ', 'Ry', 'Rt', 'C', 'F', 'T'];
const ALLOWED: Record<string, EntryKind[]> = {
  msg_arg_data_size: ['I', 'U', 'RQ', 'NRQ', 'Ry', 'F'],
  msg_arg_data_copy: ['I', 'U', 'RQ', 'NRQ', 'Ry', 'F'],
  msg_reject_code: ['Ry', 'Rt'],
  msg_reject_msg_size: ['Rt'],
  msg_reject_msg_copy: ['Rt'],
  msg_reply_data_append: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_reply: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_reject: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_cycles_available128: ['U', 'Rt', 'Ry'],
  msg_cycles_refunded128: ['Rt', 'Ry'],
  msg_cycles_accept128: ['U', 'Rt', 'Ry'],
  cycles_burn128: ['I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'],
  msg_method_name_size: ['F'],
  msg_method_name_copy: ['F'],
  accept_message: ['F'],
  call_new: ['U', 'Ry', 'Rt', 'T'],
  call_on_cleanup: ['U', 'Ry', 'Rt', 'T'],
  call_data_append: ['U', 'Ry', 'Rt', 'T'],
  call_cycles_add128: ['U', 'Ry', 'Rt', 'T'],
  call_with_best_effort_response: ['U', 'Ry', 'Rt', 'T'],
  call_perform: ['U', 'Ry', 'Rt', 'T'],
  certified_data_set: ['I', 'G', 'U', 'Ry', 'Rt', 'T'],
  data_certificate_size: ['NRQ'],
  data_certificate_copy: ['NRQ'],
  global_timer_set: ['I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'],
};

interface PendingCall extends OutgoingCall {
  parts: Uint8Array[];
}

class Message {
  reply: Uint8Array[] | undefined;
  replySize = 0;
  responded = false;
  result: { reply?: Uint8Array; reject?: string } = {};
  accepted = false;
  calls: OutgoingCall[] = [];
  pending: PendingCall | undefined;
  globalTimer: bigint;
  certifiedData: Uint8Array | undefined;
  cyclesAccepted = 0n;
  cyclesBurned = 0n;
  cyclesSent = 0n;
  logs: string[] = [];
  readonly started = performance.now();
  constructor(readonly task: ExecTask) {
    this.globalTimer = task.globalTimer;
  }
  get balance(): bigint {
    return this.task.balance + this.cyclesAccepted - this.cyclesBurned - this.cyclesSent;
  }
}

export class Engine {
  private readonly instance: WasmInstance;
  private readonly memory: WasmMemory;
  private readonly table: WasmTable | undefined;
  private readonly globals: WasmGlobal[];
  readonly exportNames: string[];
  /** [committed, spare]: takeSnapshot fills the spare, then swaps. */
  private heapSnapshots: [SharedArrayBuffer, SharedArrayBuffer] = [new SharedArrayBuffer(0), new SharedArrayBuffer(0)];
  private heapLength = 0;
  private globalsSnapshot: Array<number | bigint> = [];
  private committedPages = new Map<number, Uint8Array>();
  private overlay = new Map<number, Uint8Array>();
  private stableSize = 0;
  private workingStableSize = 0;
  private msg: Message | undefined;

  constructor(
    module: WasmModule,
    private readonly canisterId: Uint8Array,
    restore?: Partial<Checkpoint>,
  ) {
    const imports: Ic0 = this.ic0();
    this.instance = new Wasm.Instance(module, { ic0: imports });
    const ex = this.instance.exports as Record<string, unknown>;
    this.memory = ex.memory as WasmMemory;
    this.table = ex[TABLE_EXPORT] as WasmTable | undefined;
    this.globals = [];
    for (let i = 0; ex[GLOBAL_EXPORT_PREFIX + i] !== undefined; i++) this.globals.push(ex[GLOBAL_EXPORT_PREFIX + i] as WasmGlobal);
    this.exportNames = Object.keys(ex);
    if (restore?.stablePages) {
      for (const [i, sab] of restore.stablePages) this.committedPages.set(i, new Uint8Array(sab));
      this.stableSize = this.workingStableSize = restore.stableSize ?? 0;
    }
    if (restore?.heap && restore.heapLength !== undefined && restore.globals) {
      const pagesNeeded = restore.heapLength / PAGE - this.memory.buffer.byteLength / PAGE;
      if (pagesNeeded > 0) this.memory.grow(pagesNeeded);
      new Uint8Array(this.memory.buffer).set(new Uint8Array(restore.heap, 0, restore.heapLength));
      restore.globals.forEach((v, i) => (this.globals[i]!.value = v));
    }
    this.takeSnapshot();
  }

  checkpoint(): HeapSnapshot {
    return { heap: this.heapSnapshots[0], heapLength: this.heapLength, globals: [...this.globalsSnapshot] };
  }

  execute(task: ExecTask, exportStable = false): ExecResult {
    const msg = (this.msg = new Message(task));
    let trap: string | undefined;
    try {
      if (task.callback) {
        const fn = this.table?.get(task.callback.fun) as ((env: number) => void) | null | undefined;
        if (typeof fn !== 'function') throw new Trap(`callback table index ${task.callback.fun} is not a function`);
        fn(task.callback.env);
      } else {
        const fn = (this.instance.exports as Record<string, unknown>)[task.exportName!];
        if (typeof fn !== 'function') throw new Trap(`the canister has no export "${task.exportName}"`);
        (fn as () => void)();
      }
    } catch (error) {
      trap = describeTrap(error);
    } finally {
      this.msg = undefined;
    }
    const workingSize = this.workingStableSize;
    let stableImage: Map<number, SharedArrayBuffer> | undefined;
    if (exportStable && trap === undefined) {
      stableImage = new Map();
      for (const [i, p] of this.committedPages) stableImage.set(i, p.buffer as SharedArrayBuffer);
      for (const [i, p] of this.overlay) stableImage.set(i, p.buffer as SharedArrayBuffer);
    }
    const newStablePages: Array<[number, SharedArrayBuffer]> = [];
    const stablePagesBefore = this.stableSize;
    if (trap === undefined && task.commit) {
      for (const [i, p] of this.overlay) {
        this.committedPages.set(i, p);
        newStablePages.push([i, p.buffer as SharedArrayBuffer]);
      }
      this.overlay.clear();
      this.stableSize = this.workingStableSize;
      this.takeSnapshot();
    } else {
      this.rollback();
    }
    const committed = trap === undefined && task.commit;
    return {
      trap,
      ...(trap === undefined ? msg.result : {}),
      accepted: trap === undefined && msg.accepted,
      calls: committed ? msg.calls : [],
      globalTimer: committed ? msg.globalTimer : task.globalTimer,
      certifiedData: committed ? msg.certifiedData : undefined,
      cyclesAccepted: committed ? msg.cyclesAccepted : 0n,
      cyclesBurned: committed ? msg.cyclesBurned : 0n,
      newStablePages,
      stablePages: stableImage ? workingSize : committed ? this.stableSize : stablePagesBefore,
      logs: msg.logs,
      ms: performance.now() - msg.started,
      stableImage,
    };
  }

  private takeSnapshot(): void {
    const buf = new Uint8Array(this.memory.buffer);
    let [committed, spare] = this.heapSnapshots;
    if (spare.byteLength < buf.length) spare = new SharedArrayBuffer(buf.length + 16 * PAGE);
    new Uint8Array(spare).set(buf);
    this.heapSnapshots = [spare, committed];
    this.heapLength = buf.length;
    this.globalsSnapshot = this.globals.map((g) => g.value as number | bigint);
  }

  private rollback(): void {
    const buf = new Uint8Array(this.memory.buffer);
    buf.set(new Uint8Array(this.heapSnapshots[0], 0, this.heapLength));
    if (buf.length > this.heapLength) buf.fill(0, this.heapLength); // memory cannot shrink; grown pages are zeroed
    this.globalsSnapshot.forEach((v, i) => (this.globals[i]!.value = v));
    this.overlay.clear();
    this.workingStableSize = this.stableSize;
  }

  // ---- memory helpers ----
  private bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }
  private read(src: number, size: number): Uint8Array {
    const mem = this.bytes();
    if (src < 0 || size < 0 || src + size > mem.length) throw new Trap('heap out of bounds');
    return mem.slice(src, src + size);
  }
  private write(dst: number, data: Uint8Array): void {
    const mem = this.bytes();
    if (dst < 0 || dst + data.length > mem.length) throw new Trap('heap out of bounds');
    mem.set(data, dst);
  }
  private copyOut(what: string, data: Uint8Array, dst: number, offset: number, size: number): void {
    if (offset < 0 || size < 0 || offset + size > data.length) throw new Trap(`${what}: offset + size exceeds the data`);
    this.write(dst, data.subarray(offset, offset + size));
  }
  private writeU128(dst: number, value: bigint): void {
    const out = new Uint8Array(16);
    new DataView(out.buffer).setBigUint64(0, value & 0xffffffffffffffffn, true);
    new DataView(out.buffer).setBigUint64(8, value >> 64n, true);
    this.write(dst, out);
  }

  private cur(name: string): Message {
    const m = this.msg;
    if (!m) throw new Trap(`ic0.${name} called outside of a message (e.g. from the start function)`);
    const allowed = ALLOWED[name] ?? ALL;
    if (!allowed.includes(m.task.kind)) {
      throw new Trap(`"ic0.${name}" cannot be executed in ${contextName(m.task.kind)} mode`);
    }
    return m;
  }

  // ---- stable memory ----
  private pageForRead(i: number): Uint8Array | undefined {
    return this.overlay.get(i) ?? this.committedPages.get(i);
  }
  private pageForWrite(i: number): Uint8Array {
    let p = this.overlay.get(i);
    if (!p) {
      p = new Uint8Array(new SharedArrayBuffer(PAGE));
      const old = this.committedPages.get(i);
      if (old) p.set(old);
      this.overlay.set(i, p);
    }
    return p;
  }
  private stableBounds(offset: bigint, size: bigint): [number, number] {
    const end = offset + size;
    if (offset < 0n || size < 0n || end > BigInt(this.workingStableSize) * BigInt(PAGE)) throw new Trap('stable memory out of bounds');
    return [Number(offset), Number(size)];
  }

  private ic0(): Ic0 {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    return {
      msg_arg_data_size: () => this.cur('msg_arg_data_size').task.arg.length,
      msg_arg_data_copy: (dst: number, off: number, size: number) =>
        this.copyOut('msg_arg_data_copy', this.cur('msg_arg_data_copy').task.arg, dst, off, size),
      msg_caller_size: () => this.cur('msg_caller_size').task.caller.length,
      msg_caller_copy: (dst: number, off: number, size: number) =>
        this.copyOut('msg_caller_copy', this.cur('msg_caller_copy').task.caller, dst, off, size),
      msg_reject_code: () => {
        const m = this.cur('msg_reject_code');
        return m.task.kind === 'Rt' ? m.task.rejectCode : 0;
      },
      msg_reject_msg_size: () => new TextEncoder().encode(this.cur('msg_reject_msg_size').task.rejectMessage).length,
      msg_reject_msg_copy: (dst: number, off: number, size: number) =>
        this.copyOut('msg_reject_msg_copy', new TextEncoder().encode(this.cur('msg_reject_msg_copy').task.rejectMessage), dst, off, size),
      msg_reply_data_append: (src: number, size: number) => {
        const m = this.respondable('msg_reply_data_append');
        const data = this.read(src, size);
        m.replySize += data.length;
        if (m.replySize > MAX_RESPONSE_BYTES) throw new Trap('msg_reply_data_append: the reply exceeds the maximum response size');
        (m.reply ??= []).push(data);
      },
      msg_reply: () => {
        const m = this.respondable('msg_reply');
        m.responded = true;
        m.result = { reply: concat(m.reply ?? []) };
      },
      msg_reject: (src: number, size: number) => {
        const m = this.respondable('msg_reject');
        const bytes = this.read(src, size);
        let message: string;
        try {
          message = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          throw new Trap('msg_reject: the reject message is not valid UTF-8');
        }
        m.responded = true;
        m.result = { reject: message };
      },
      msg_cycles_available128: (dst: number) => {
        const m = this.cur('msg_cycles_available128');
        this.writeU128(dst, m.task.kind === 'U' ? m.task.cyclesAvailable - m.cyclesAccepted : 0n);
      },
      msg_cycles_refunded128: (dst: number) => this.writeU128(dst, this.cur('msg_cycles_refunded128').task.cyclesRefunded),
      msg_cycles_accept128: (high: bigint, low: bigint, dst: number) => {
        const m = this.cur('msg_cycles_accept128');
        const max = (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);
        const available = m.task.kind === 'U' ? m.task.cyclesAvailable - m.cyclesAccepted : 0n;
        const take = max < available ? max : available;
        m.cyclesAccepted += take;
        this.writeU128(dst, take);
      },
      cycles_burn128: (high: bigint, low: bigint, dst: number) => {
        const m = this.cur('cycles_burn128');
        const want = (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);
        const burn = want < m.balance ? want : m.balance;
        m.cyclesBurned += burn;
        this.writeU128(dst, burn);
      },
      canister_self_size: () => (this.cur('canister_self_size'), this.canisterId.length),
      canister_self_copy: (dst: number, off: number, size: number) =>
        (this.cur('canister_self_copy'), this.copyOut('canister_self_copy', this.canisterId, dst, off, size)),
      canister_cycle_balance128: (dst: number) => this.writeU128(dst, this.cur('canister_cycle_balance128').balance),
      canister_liquid_cycle_balance128: (dst: number) => this.writeU128(dst, this.cur('canister_liquid_cycle_balance128').balance),
      canister_status: () => this.cur('canister_status').task.status,
      canister_version: () => this.cur('canister_version').task.canisterVersion,
      msg_method_name_size: () => new TextEncoder().encode(this.cur('msg_method_name_size').task.methodName).length,
      msg_method_name_copy: (dst: number, off: number, size: number) =>
        this.copyOut('msg_method_name_copy', new TextEncoder().encode(this.cur('msg_method_name_copy').task.methodName), dst, off, size),
      accept_message: () => {
        const m = this.cur('accept_message');
        if (m.accepted) throw new Trap('ic0.accept_message: the message was already accepted');
        m.accepted = true;
      },
      call_new: (calleeSrc: number, calleeSize: number, nameSrc: number, nameSize: number, replyFun: number, replyEnv: number, rejectFun: number, rejectEnv: number) => {
        const m = this.cur('call_new');
        m.pending = {
          callee: this.read(calleeSrc, calleeSize),
          method: text(this.read(nameSrc, nameSize)),
          arg: new Uint8Array(0),
          parts: [],
          cycles: 0n,
          reply: { fun: replyFun, env: replyEnv },
          reject: { fun: rejectFun, env: rejectEnv },
        };
      },
      call_on_cleanup: (fun: number, env: number) => {
        const p = this.pendingCall('call_on_cleanup');
        if (p.cleanup) throw new Trap('ic0.call_on_cleanup: a cleanup callback is already set');
        p.cleanup = { fun, env } satisfies Callback;
      },
      call_data_append: (src: number, size: number) => this.pendingCall('call_data_append').parts.push(this.read(src, size)),
      call_cycles_add128: (high: bigint, low: bigint) => {
        const m = this.cur('call_cycles_add128');
        const p = this.pendingCall('call_cycles_add128');
        const amount = (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);
        if (amount > m.balance) throw new Trap('ic0.call_cycles_add128: insufficient cycles balance');
        m.cyclesSent += amount;
        p.cycles += amount;
      },
      call_with_best_effort_response: (timeout: number) => {
        const p = this.pendingCall('call_with_best_effort_response');
        if (p.timeoutSeconds !== undefined) throw new Trap('ic0.call_with_best_effort_response: timeout already set');
        p.timeoutSeconds = Math.min(timeout >>> 0, 300);
      },
      call_perform: () => {
        const m = this.cur('call_perform');
        const p = this.pendingCall('call_perform');
        m.pending = undefined;
        const { parts, ...call } = p;
        m.calls.push({ ...call, arg: concat(parts) });
        return 0;
      },
      stable64_size: () => (this.cur('stable64_size'), BigInt(this.workingStableSize)),
      stable64_grow: (n: bigint) => {
        this.cur('stable64_grow');
        const old = this.workingStableSize;
        if (n < 0n || BigInt(old) + n > BigInt(MAX_STABLE_PAGES)) return -1n;
        this.workingStableSize = old + Number(n);
        return BigInt(old);
      },
      stable64_write: (offset: bigint, src: bigint, size: bigint) => {
        this.cur('stable64_write');
        const [off, len] = this.stableBounds(offset, size);
        const data = this.read(Number(src), len);
        let done = 0;
        while (done < len) {
          const at = off + done;
          const page = Math.floor(at / PAGE);
          const within = at % PAGE;
          const n = Math.min(PAGE - within, len - done);
          this.pageForWrite(page).set(data.subarray(done, done + n), within);
          done += n;
        }
      },
      stable64_read: (dst: bigint, offset: bigint, size: bigint) => {
        this.cur('stable64_read');
        const [off, len] = this.stableBounds(offset, size);
        const d = Number(dst);
        const mem = this.bytes();
        if (d < 0 || d + len > mem.length) throw new Trap('heap out of bounds');
        let done = 0;
        while (done < len) {
          const at = off + done;
          const page = Math.floor(at / PAGE);
          const within = at % PAGE;
          const n = Math.min(PAGE - within, len - done);
          const p = this.pageForRead(page);
          if (p) mem.set(p.subarray(within, within + n), d + done);
          else mem.fill(0, d + done, d + done + n);
          done += n;
        }
      },
      certified_data_set: (src: number, size: number) => {
        const m = this.cur('certified_data_set');
        if (size > 32) throw new Trap('ic0.certified_data_set: certified data must be at most 32 bytes');
        m.certifiedData = this.read(src, size);
      },
      data_certificate_present: () => (this.cur('data_certificate_present'), 0),
      data_certificate_size: () => {
        this.cur('data_certificate_size');
        throw new Trap('ic0.data_certificate_size: no certificate is present (localnet does not certify)');
      },
      data_certificate_copy: () => {
        this.cur('data_certificate_copy');
        throw new Trap('ic0.data_certificate_copy: no certificate is present (localnet does not certify)');
      },
      time: () => this.cur('time').task.timeNs,
      global_timer_set: (ts: bigint) => {
        const m = this.cur('global_timer_set');
        const old = m.globalTimer;
        m.globalTimer = BigInt.asUintN(64, ts);
        return old;
      },
      performance_counter: (type: number) => {
        const m = this.cur('performance_counter');
        if (type !== 0 && type !== 1) throw new Trap(`ic0.performance_counter: unknown counter type ${type}`);
        return BigInt(Math.round((performance.now() - m.started) * 1e6)); // ~1 instruction per ns
      },
      is_controller: (src: number, size: number) => {
        this.cur('is_controller');
        if (size > 29) throw new Trap('ic0.is_controller: argument is not a valid principal');
        const p = this.read(src, size);
        return this.msg!.task.controllers.some((c) => equal(c, p)) ? 1 : 0;
      },
      in_replicated_execution: () => {
        const k = this.cur('in_replicated_execution').task.kind;
        return k === 'NRQ' || k === 'F' ? 0 : 1;
      },
      cost_call: (methodNameSize: bigint, payloadSize: bigint, dst: number) => {
        this.cur('cost_call');
        this.writeU128(dst, 260_000n + 1_000n * (methodNameSize + payloadSize));
      },
      debug_print: (src: number, size: number) => {
        const m = this.msg;
        const line = text(this.read(src, size));
        if (m) m.logs.push(line);
      },
      trap: (src: number, size: number) => {
        const bytes = this.read(src, Math.min(size, 16 * 1024));
        throw new Trap(`Canister called \`ic0.trap\` with message: '${text(bytes)}'`);
      },
    };
  }

  private respondable(name: string): Message {
    const m = this.cur(name);
    if (!m.task.canRespond || m.responded) throw new Trap(`ic0.${name}: the call is already replied or does not need a reply`);
    return m;
  }

  private pendingCall(name: string): PendingCall {
    const m = this.cur(name);
    if (!m.pending) throw new Trap(`ic0.${name}: no call is being assembled (call ic0.call_new first)`);
    return m.pending;
  }
}

function contextName(kind: EntryKind): string {
  const names: Record<EntryKind, string> = {
    I: 'init', G: 'pre_upgrade', U: 'update', RQ: 'replicated query', NRQ: 'non-replicated query', Ry: 'reply callback',
    Rt: 'reject callback', C: 'cleanup', F: 'inspect message', T: 'system task',
  };
  return names[kind];
}

export function describeTrap(error: unknown): string {
  if (error instanceof Trap) return error.message;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'Canister trapped: stack overflow';
  if (error instanceof Wasm.RuntimeError) return `Canister trapped: ${(error as Error).message}`;
  return `Canister trapped: ${error instanceof Error ? error.message : String(error)}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export { inspectModule, type ValType };
