/**
 * Executes one canister's wasm under the IC System API (ic0), one message at a time, synchronously.
 * Runs inside the canister's worker thread. Every message either commits (heap, globals, stable memory)
 * or is rolled back completely: a trap, a query and inspect_message leave no trace.
 *
 * Committed heap = a copy of linear memory in a SharedArrayBuffer taken after every committed message,
 * so the scheduler still holds the last committed state when the watchdog has to kill the worker. The copy is
 * written in place only after winning the SnapshotGuard, so a kill can never leave it half written.
 * Stable memory: see ic0/stable-memory.ts.
 * The System API functions are in ic0/, one file per group.
 */
import { checkAllowed } from './ic0/allowed.ts';
import { callImports } from './ic0/call-imports.ts';
import { canisterImports } from './ic0/canister-imports.ts';
import { cyclesImports } from './ic0/cycles-imports.ts';
import { debugImports } from './ic0/debug-imports.ts';
import { Heap } from './ic0/heap.ts';
import type { Ic0Host } from './ic0/host.ts';
import { Message } from './ic0/message.ts';
import { msgImports } from './ic0/msg-imports.ts';
import { PAGE, StableMemory } from './ic0/stable-memory.ts';
import { stableImports } from './ic0/stable-imports.ts';
import { timeImports } from './ic0/time-imports.ts';
import { describeTrap, Trap } from './ic0/trap.ts';
import type { ExecResult, ExecTask, HeapSnapshot, RestorePoint } from './protocol.ts';
import { readInto } from './read-into.ts';
import { COUNTER_EXPORT } from './metering.ts';
import { instructionLimitMessage } from './reject.ts';
import { SnapshotGuard } from './snapshot-guard.ts';
import {
  Wasm,
  type WasmGlobal,
  type WasmInstance,
  type WasmMemory,
  type WasmModule,
  type WasmTable,
} from './wasm-api.ts';
import { GLOBAL_EXPORT_PREFIX, TABLE_EXPORT } from './wasm-module.ts';

export class Engine implements Ic0Host {
  private readonly instance: WasmInstance;
  private readonly memory: WasmMemory;
  private readonly table: WasmTable | undefined;
  private readonly globals: WasmGlobal[];
  /** Instructions left in the running message (metering.ts); negative once the limit is passed. */
  private readonly counter: WasmGlobal;
  readonly exportNames: string[];
  readonly heap: Heap;
  readonly stable: StableMemory;
  private heapSnapshot = new SharedArrayBuffer(0);
  private heapLength = 0;
  private globalsSnapshot: Array<number | bigint> = [];
  current: Message | undefined;

  constructor(
    module: WasmModule,
    readonly canisterId: Uint8Array,
    restore?: Partial<RestorePoint>,
    private readonly guard = new SnapshotGuard(),
  ) {
    const ic0 = {
      ...msgImports(this),
      ...callImports(this),
      ...cyclesImports(this),
      ...stableImports(this),
      ...canisterImports(this),
      ...timeImports(this),
      ...debugImports(this),
    };
    this.instance = new Wasm.Instance(module, { ic0 });
    const ex = this.instance.exports;
    this.memory = ex.memory as WasmMemory;
    this.heap = new Heap(this.memory);
    this.table = ex[TABLE_EXPORT] as WasmTable | undefined;
    this.globals = [];
    for (let i = 0; ex[GLOBAL_EXPORT_PREFIX + i] !== undefined; i++)
      this.globals.push(ex[GLOBAL_EXPORT_PREFIX + i] as WasmGlobal);
    this.counter = ex[COUNTER_EXPORT] as WasmGlobal;
    this.exportNames = Object.keys(ex);
    this.stable = new StableMemory(restore);
    if (restore?.heap && restore.heapLength !== undefined && restore.globals) {
      const pagesNeeded = restore.heapLength / PAGE - this.memory.buffer.byteLength / PAGE;
      if (pagesNeeded > 0) this.memory.grow(pagesNeeded);
      const memory = new Uint8Array(this.memory.buffer, 0, restore.heapLength);
      if (restore.heap instanceof SharedArrayBuffer) memory.set(new Uint8Array(restore.heap, 0, restore.heapLength));
      else readInto(restore.heap.file, [memory]);
      restore.globals.forEach((v, i) => (this.globals[i]!.value = v));
    }
    this.takeSnapshot();
  }

  message(name: string): Message {
    const m = this.current;
    if (!m) throw new Trap(`ic0.${name} called outside of a message (e.g. from the start function)`);
    checkAllowed(name, m.task.kind);
    return m;
  }

  checkpoint(): HeapSnapshot {
    return { heap: this.heapSnapshot, heapLength: this.heapLength, globals: [...this.globalsSnapshot] };
  }

  /** Instructions the running message has executed so far. */
  get instructions(): bigint {
    return (this.current?.task.instructionLimit ?? 0n) - (this.counter.value as bigint);
  }

  execute(task: ExecTask, exportStable = false): ExecResult {
    const msg = (this.current = new Message(task));
    this.counter.value = task.instructionLimit;
    let trap: string | undefined;
    try {
      this.entryPoint(task)();
    } catch (error) {
      // Metered code traps with `unreachable` once the counter is negative (metering.ts).
      trap = (this.counter.value as bigint) < 0n ? instructionLimitMessage(task.instructionLimit) : describeTrap(error);
    }
    const instructions = this.instructions;
    this.current = undefined;
    const workingSize = this.stable.workingSize;
    const stableImage = exportStable && trap === undefined ? this.stable.image() : undefined;
    const stablePagesBefore = this.stable.committedSize;
    const committed = trap === undefined && task.commit;
    let newStablePages: Array<[number, SharedArrayBuffer]> = [];
    if (committed) {
      newStablePages = this.stable.commit();
      // Lost only to a watchdog kill: this worker is about to end, and the scheduler keeps the previous snapshot.
      if (this.guard.beginWrite()) this.takeSnapshot();
    } else {
      this.rollback();
    }
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
      stablePages: stableImage ? workingSize : committed ? this.stable.committedSize : stablePagesBefore,
      logs: msg.logs,
      ms: performance.now() - msg.started,
      instructions,
      stableImage,
    };
  }

  /** The function a task runs: a callback from the table, or an exported entry point. */
  private entryPoint(task: ExecTask): () => void {
    if (task.callback) {
      const fn = this.table?.get(task.callback.fun) as ((env: number) => void) | null | undefined;
      if (typeof fn !== 'function') throw new Trap(`callback table index ${task.callback.fun} is not a function`);
      return () => fn(task.callback!.env);
    }
    const fn = this.instance.exports[task.exportName!];
    if (typeof fn !== 'function') throw new Trap(`the canister has no export "${task.exportName}"`);
    return fn as () => void;
  }

  private takeSnapshot(): void {
    const buf = new Uint8Array(this.memory.buffer);
    // A larger heap gets a new buffer: the one the scheduler holds is then not written at all.
    if (this.heapSnapshot.byteLength < buf.length) this.heapSnapshot = new SharedArrayBuffer(buf.length + 16 * PAGE);
    new Uint8Array(this.heapSnapshot).set(buf);
    this.heapLength = buf.length;
    this.globalsSnapshot = this.globals.map((g) => g.value as number | bigint);
  }

  private rollback(): void {
    const buf = new Uint8Array(this.memory.buffer);
    buf.set(new Uint8Array(this.heapSnapshot, 0, this.heapLength));
    if (buf.length > this.heapLength) buf.fill(0, this.heapLength); // memory cannot shrink; grown pages are zeroed
    this.globalsSnapshot.forEach((v, i) => (this.globals[i]!.value = v));
    this.stable.rollback();
  }
}
