/** Candid `opt` fields of the queue's records ↔ `undefined`. */
import { fromOpt, toOpt, withoutUndefined } from '../utils/opt.ts';
import type {
  CandidLease,
  CandidSubmitArgs,
  CandidWorkerStats,
  Lease,
  SubmitParams,
  WorkerStats,
} from './queue.types.ts';

export const toSubmitArgs = ({ temperature, seed, ...rest }: SubmitParams): CandidSubmitArgs => ({
  ...rest,
  temperature: toOpt(temperature),
  seed: toOpt(seed),
});

export const toLease = ({ temperature, seed, ...rest }: CandidLease): Lease =>
  withoutUndefined({ ...rest, temperature: fromOpt(temperature), seed: fromOpt(seed) });

export const toWorkerStats = ({ last_heartbeat, last_seen, ...rest }: CandidWorkerStats): WorkerStats =>
  withoutUndefined({ ...rest, last_heartbeat: fromOpt(last_heartbeat), last_seen: fromOpt(last_seen) });
