/**
 * Who may touch a canister's committed heap snapshot, decided in one shared word. The worker rewrites the
 * snapshot in place after each committed message; the scheduler restarts a killed worker from it, with the
 * length and globals of the last result it received. So the watchdog must not kill a worker that has begun
 * writing a snapshot the scheduler has not yet received (its result is on the way), and a worker must not
 * begin writing once the watchdog has claimed it. Whoever changes the word first wins.
 */
const FREE = 0;
const WRITING = 1; // the worker is writing (or has written) a snapshot the scheduler has not received
const KILLING = 2; // the watchdog has claimed the worker

export class SnapshotGuard {
  private readonly word: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer);
  }

  /** Worker, before writing the snapshot of a committed message: false when the worker is being killed. */
  beginWrite(): boolean {
    return Atomics.compareExchange(this.word, 0, FREE, WRITING) === FREE;
  }

  /** Watchdog: true when the worker may be killed now; false while a snapshot is being written or is on its way. */
  claimForKill(): boolean {
    return Atomics.compareExchange(this.word, 0, FREE, KILLING) === FREE;
  }

  /** Scheduler: the result carrying the snapshot has arrived, or a new worker starts. */
  release(): void {
    Atomics.store(this.word, 0, FREE);
  }
}
