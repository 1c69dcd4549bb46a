/**
 * The scheduler's handle on one canister's worker thread. Sends one task at a time, enforces a wall-clock
 * watchdog (a safety net against hangs; the instruction limits are metered, see metering.ts) and, when it has
 * to kill the worker, starts a new one from the last committed state so the canister carries on as if the
 * message had trapped.
 */
import type { Worker } from 'node:worker_threads';

import { INSTRUCTION_LIMIT_MESSAGE } from './reject.ts';
import { SnapshotGuard } from './snapshot-guard.ts';
import type { WasmModule } from './wasm-api.ts';
import { takeWorker } from './worker-pool.ts';
import type { Checkpoint, ExecResult, ExecTask, FromWorker, HeapSnapshot, RestorePoint, ToWorker } from './protocol.ts';

export interface ProcessOptions {
  /** Wall-clock limit for one message, a safety net behind the metered instruction limits; past it the message traps. */
  messageTimeoutMs: number;
  /** Stack size of the worker thread; V8's default overflows before azle's wasm does. */
  stackSizeMb: number;
}

export class CanisterProcess {
  private worker!: Worker;
  /** The last committed heap, in the worker's snapshot buffer (never written again while it is the committed one). */
  private heap!: HeapSnapshot;
  /** A detached copy of the committed state, made by the first `checkpoint()` after a commit. */
  private exported: Checkpoint | undefined;
  private readonly stablePages: Map<number, SharedArrayBuffer>;
  private stableSize: number;
  private seq = 0;
  private readonly guard = new SnapshotGuard();
  private waiting: { seq: number; resolve: (r: FromWorker) => void; reject: (e: Error) => void } | undefined;
  exports: Set<string> = new Set();
  restarts = 0;

  private constructor(
    private readonly module: WasmModule,
    private readonly canisterId: Uint8Array,
    private readonly options: ProcessOptions,
    restore: Partial<RestorePoint> | undefined,
  ) {
    this.stablePages = new Map(restore?.stablePages ?? []);
    this.stableSize = restore?.stableSize ?? 0;
  }

  static async start(
    module: WasmModule,
    canisterId: Uint8Array,
    options: ProcessOptions,
    restore?: Partial<RestorePoint>,
  ): Promise<CanisterProcess> {
    const p = new CanisterProcess(module, canisterId, options, restore);
    await p.spawn(restore);
    return p;
  }

  private async spawn(restore: Partial<RestorePoint> | undefined): Promise<void> {
    this.guard.release();
    this.worker = await takeWorker(this.options.stackSizeMb);
    this.worker.on('message', (m: FromWorker) => {
      const w = this.waiting;
      if (!w) return;
      if (m.type === 'result' && m.seq !== w.seq) return;
      this.waiting = undefined;
      if (m.type === 'fatal') w.reject(new Error(`canister worker failed: ${m.message}`));
      else w.resolve(m);
    });
    this.worker.on('error', (e) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(e instanceof Error ? e : new Error(String(e)));
    });
    this.worker.on('exit', (code) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(new Error(`canister worker exited (code ${code})`));
    });
    const loaded = await this.request(
      { type: 'load', module: this.module, canisterId: this.canisterId, restore, guard: this.guard.buffer },
      -1,
    );
    if (loaded.type !== 'loaded') throw new Error('canister worker did not load');
    this.heap = loaded.snapshot;
    this.exports = new Set(loaded.exports);
  }

  private request(message: ToWorker, seq: number): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.waiting = { seq, resolve, reject };
      this.worker.postMessage(message);
    });
  }

  /** Runs one task. A watchdog expiry or a crashed worker becomes a trap; the canister keeps its committed state. */
  async exec(task: ExecTask, exportStable = false): Promise<ExecResult> {
    const seq = ++this.seq;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Too late once the message has committed and its snapshot is being written: its result is on the way.
        if (!this.guard.claimForKill()) return;
        timedOut = true;
        reject(new Error(INSTRUCTION_LIMIT_MESSAGE));
      }, this.options.messageTimeoutMs);
    });
    try {
      const m = await Promise.race([this.request({ type: 'exec', seq, task, exportStable }, seq), watchdog]);
      if (m.type !== 'result') throw new Error('unexpected worker answer');
      const r = m.result;
      if (m.snapshot) {
        this.guard.release();
        this.heap = m.snapshot;
        this.exported = undefined;
        for (const [i, sab] of r.newStablePages) this.stablePages.set(i, sab);
        this.stableSize = r.stablePages;
      }
      return r;
    } catch (error) {
      this.waiting = undefined;
      await this.worker.terminate();
      this.restarts++;
      await this.spawn({ ...this.heap, ...this.stable });
      const reason = timedOut
        ? INSTRUCTION_LIMIT_MESSAGE
        : `Canister trapped: ${error instanceof Error ? error.message : String(error)}`;
      return {
        trap: reason,
        accepted: false,
        calls: [],
        globalTimer: task.globalTimer,
        cyclesAccepted: 0n,
        cyclesBurned: 0n,
        newStablePages: [],
        stablePages: this.stableSize,
        logs: [],
        ms: this.options.messageTimeoutMs,
        instructions: 0n,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The committed state as a copy nothing will write to; the same object until the next commit. */
  checkpoint(): Checkpoint {
    if (!this.exported) {
      const heap = new SharedArrayBuffer(this.heap.heapLength);
      new Uint8Array(heap).set(new Uint8Array(this.heap.heap, 0, this.heap.heapLength));
      this.exported = { heap, heapLength: this.heap.heapLength, globals: [...this.heap.globals], ...this.stable };
    }
    return this.exported;
  }

  /** The committed stable memory (its pages are never written in place). */
  get stable(): Pick<Checkpoint, 'stablePages' | 'stableSize'> {
    return { stablePages: new Map(this.stablePages), stableSize: this.stableSize };
  }

  get heapBytes(): number {
    return this.heap.heapLength;
  }

  get stablePageCount(): number {
    return this.stableSize;
  }

  async terminate(): Promise<void> {
    this.waiting = undefined;
    await this.worker.terminate();
  }
}
