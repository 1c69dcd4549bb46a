/**
 * Rounds, as the replica makes them: the update calls that arrive while a round executes are inducted together
 * into the next one; when a round's calls have run, the state is certified once (one BLS signature) and every
 * response of the round — its synchronous call replies and the read_state answers waiting for it — carries a
 * witness of that one certified tree.
 */

export class Rounds<T> {
  private calls: Array<() => Promise<unknown>> = [];
  private readers: Array<(certified: T) => void> = [];
  private running = false;
  /** The state changed after the last certification (a call answered after its round): a round certifies it. */
  private late = false;
  private current: T | undefined;
  /** How many certifications (signatures) were made: benches print it per call. */
  certifications = 0;

  constructor(
    /** Builds and signs the current state; runs synchronously between rounds. */
    private readonly certify: () => T,
    /** A round waits at most this long for its calls; the slower ones are certified by a later round. */
    private readonly maxWaitMs: number,
  ) {}

  /** The last certified state. */
  get latest(): T | undefined {
    return this.current;
  }

  /** Inducts a call into the next round: `start` begins its execution and settles once it has run. */
  induct(start: () => Promise<unknown>): void {
    this.calls.push(start);
    this.kick();
  }

  /** A certification made after this moment (the read_state answers of one round share it). */
  next(): Promise<T> {
    return new Promise<T>((resolve) => {
      this.readers.push(resolve);
      this.kick();
    });
  }

  /** The state changed outside a round (a call held across rounds was answered): a round certifies it. */
  changed(): void {
    this.late = true;
    this.kick();
  }

  private kick(): void {
    if (!this.running) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.calls.length > 0 || this.readers.length > 0 || this.late) {
        const batch = this.calls.splice(0).map((start) => {
          const run = { settled: false, promise: start() };
          void run.promise.then(
            () => void (run.settled = true),
            () => void (run.settled = true),
          );
          return run;
        });
        if (batch.length > 0) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            Promise.allSettled(batch.map((r) => r.promise)),
            new Promise((resolve) => (timer = setTimeout(resolve, this.maxWaitMs))),
          ]);
          clearTimeout(timer);
          for (const r of batch) if (!r.settled) void r.promise.finally(() => this.changed()).catch(() => undefined);
        } else {
          // Nothing to execute: let the requests that arrived with this one join it before it is signed.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const readers = this.readers.splice(0);
        // Whatever changed up to now is in this certification; a change after it needs another round.
        this.late = false;
        this.certifications++;
        const certified = (this.current = this.certify());
        for (const resolve of readers) resolve(certified);
      }
    } finally {
      this.running = false;
    }
  }
}
