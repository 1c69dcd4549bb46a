/**
 * Rounds without a network: the calls inducted while a round executes form the next round, a round is certified
 * once after its calls ran, read_state waiters share that certification, and a call slower than the round's wait
 * is certified by a later round, as is a change made after a round (a held call answered later).
 */
import { describe, expect, it } from 'vitest';

import { Rounds } from './rounds.ts';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets every pending promise callback run (the rounds loop only awaits promises settled here). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('rounds', () => {
  it('inducts the calls arriving while a round executes into the next round, certified once', async () => {
    const certified: string[][] = [];
    let executed: string[] = [];
    const rounds = new Rounds(() => (certified.push(executed), (executed = []), certified.length), 60_000);
    const gates = new Map<string, ReturnType<typeof gate>>();
    const call = (name: string) => {
      const g = gate();
      gates.set(name, g);
      rounds.induct(() => g.promise.then(() => void executed.push(name)));
    };
    call('a');
    await settle();
    call('b');
    call('c');
    const reader = rounds.next();
    gates.get('a')!.open();
    await settle();
    expect(certified).toEqual([['a']]);
    expect(await reader).toBe(1); // the reader that arrived during round 1 is answered by it
    gates.get('c')!.open();
    await settle();
    expect(certified).toHaveLength(1); // round 2 waits for all of its calls
    gates.get('b')!.open();
    await settle();
    expect(certified).toEqual([['a'], ['c', 'b']]);
    expect(rounds.certifications).toBe(2);
    expect(rounds.latest).toBe(2);
  });

  it('certifies a round without its slow call after the wait, and that call in a later round', async () => {
    let done = false;
    const seen: boolean[] = [];
    const rounds = new Rounds(() => seen.push(done), 20);
    const slow = gate();
    rounds.induct(() => slow.promise.then(() => void (done = true)));
    const first = await rounds.next();
    expect(first).toBe(1);
    expect(seen).toEqual([false]);
    slow.open();
    for (let i = 0; i < 100 && seen.length < 2; i++) await settle();
    expect(seen).toEqual([false, true]);
  });

  it('certifies a change made during a round with that round, and one made after it by a round of its own', async () => {
    let state = 'held';
    const seen: string[] = [];
    const rounds = new Rounds(() => seen.push(state), 60_000);
    const executed = gate();
    rounds.induct(() => executed.promise.then(() => rounds.changed())); // answered within its round
    executed.open();
    await settle();
    expect(seen).toEqual(['held']);
    state = 'answered'; // a call held across rounds answered later, outside any call of a round
    rounds.changed();
    await settle();
    expect(seen).toEqual(['held', 'answered']);
  });

  it('makes one certification for read_state waiters arriving together when idle', async () => {
    let n = 0;
    const rounds = new Rounds(() => ++n, 60_000);
    const answers = await Promise.all([rounds.next(), rounds.next(), rounds.next()]);
    expect(answers).toEqual([1, 1, 1]);
  });
});
