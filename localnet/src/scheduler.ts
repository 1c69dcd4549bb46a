/**
 * One message at a time from one global FIFO: `exclusive` serialises every operation on the network, `drain`
 * runs queued messages and then due timers until the network is idle.
 */
import type { Delivery } from './delivery.ts';
import type { CallMessage, Message } from './messages.ts';
import { MANAGEMENT_TEXT, type Network } from './network.ts';
import { fireDueTimers } from './timers.ts';

const MAX_TIMER_ROUNDS = 10_000;

export class Scheduler {
  private serial: Promise<unknown> = Promise.resolve();
  private closed = false;

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
    await this.serial.catch(() => undefined);
  }

  /** Runs every queued message, then fires due timers (one round), until nothing is left to do. */
  async drain(): Promise<void> {
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
