/**
 * The chaos run's schedule, drawn from one seed: which worker is killed or stopped and at which point of the
 * run (counted in legitimate jobs completed). CHAOS_SEED replays a run's schedule.
 */
import { randomInt } from 'node:crypto';

import { createPrng } from '../../../worker/src/model/prng.ts';

export type ChaosEvent =
  { at: number; kind: 'kill' | 'stop'; worker: number } | { at: number; kind: 'upgrade' | 'flood' | 'barrage' };

export function chaosSeed(env = process.env.CHAOS_SEED): number {
  if (env === undefined || env === '') return randomInt(2 ** 32);
  const seed = Number(env);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`CHAOS_SEED must be a u32, got ${env}`);
  return seed;
}

export interface Schedule {
  events: ChaosEvent[];
  /** 32 seeded bytes per use (keys of workers and flooders). */
  bytes: () => Uint8Array;
}

export function chaosSchedule(seed: number, jobs: number, workers: number): Schedule {
  const random = createPrng(seed);
  /** A point between the fractions `from` and `to` of the run. */
  const at = (from: number, to: number) => Math.floor(jobs * (from + (to - from) * random()));
  const worker = () => Math.floor(random() * workers);
  const events: ChaosEvent[] = [
    { at: at(0.1, 0.3), kind: 'flood' },
    { at: at(0.4, 0.6), kind: 'upgrade' },
    { at: at(0.2, 0.7), kind: 'barrage' },
    ...[0, 1].map((): ChaosEvent => ({ at: at(0.05, 0.9), kind: 'kill', worker: worker() })),
    ...[0, 1].map((): ChaosEvent => ({ at: at(0.05, 0.9), kind: 'stop', worker: worker() })),
  ];
  const bytes = () => Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256));
  return { events: events.sort((a, b) => a.at - b.at), bytes };
}
