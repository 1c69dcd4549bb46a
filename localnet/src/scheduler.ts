/**
 * One message at a time from one global FIFO: `exclusive` serialises every operation on the network, `drain`
 * runs queued messages and then due timers until the network is idle. Each drain is a round: messages held for
 * the next round (a call context repeating a call, e.g. a held call polling a job) join the queue when the
 * next drain starts — an ingress message, a timer tick, or, when nothing else comes, `roundMs` later.
 */
import type { Delivery } from './delivery.ts';
import type { CallMessage, Message } from './messages.ts';
import { MANAGEMENT_TEXT, type Network } from './network.ts';
import { fireDueTimers } from './timers.ts';

const MAX_TIMER_ROUNDS = 10_000;

export class Scheduler {
  private serial: Promise<unknown> = Promise.resolve();
  private closed = false;
  private roundTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly net: Network,
    private readonly delivery: Delivery,
    private readonly management: (m: CallMessage) => Promise<void>,
  ) {}

  /** Runs `fn` once every operation queued before it has finished; none runs after `close()`. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('LocalNet is closed'));
    const next = this.serial.then(fn);
    this.serial = next.catch(() => undefined);
    return next;
  }

  /** Refuses new operations and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.roundTimer);
    await this.serial.catch(() => undefined);
  }

  /** Runs every queued message, then fires due timers (one round), until nothing is left to do. */
  async drain(): Promise<void> {
    this.net.queue.push(...this.net.nextRound.splice(0));
    try {
      await this.drainQueue();
    } finally {
      this.scheduleRound();
    }
  }

  /** Whether messages wait for a later round (a held call still polling). */
  get waiting(): boolean {
    return this.net.nextRound.length > 0;
  }

  private scheduleRound(): void {
    if (this.closed || this.roundTimer !== undefined || !this.waiting) return;
    this.roundTimer = setTimeout(() => {
      this.roundTimer = undefined;
      this.exclusive(() => this.drain()).catch(() => undefined);
    }, this.net.options.roundMs);
  }

  private async drainQueue(): Promise<void> {
    for (let rounds = 0; rounds < MAX_TIMER_ROUNDS; rounds++) {
      while (this.net.queue.length > 0) await this.process(this.net.queue.shift()!);
      if (!fireDueTimers(this.net)) return;
    }
    throw new Error(
      `localnet: the network did not become idle after ${MAX_TIMER_ROUNDS} timer rounds (a timer re-arming at the current time?)`,
    );
  }

  private process(m: Message): Promise<void> {
    this.net.changeCount++;
    if (m.kind === 'call') return m.target === MANAGEMENT_TEXT ? this.management(m) : this.delivery.call(m);
    if (m.kind === 'response') return this.delivery.response(m);
    return this.delivery.timer(m);
  }
}
