import { Principal } from '@dfinity/principal';

import type * as C from './interface.ts';
import type { QueueInit } from './domain/config.ts';
import type { JobView } from './domain/jobs.ts';
import type { Lease } from './domain/lease.ts';
import type { MembershipBatch } from './domain/membership.ts';
import type { SubmitArgs } from './domain/submit.ts';
import type { WorkerStats } from './domain/workers.ts';

/** Candid values <-> domain values: opt as [] | [x] vs undefined, Principal vs text. */
export const fromOpt = <T>(value: C.Opt<T>): T | undefined => (value.length === 0 ? undefined : value[0]);
export const toOpt = <T>(value: T | undefined): C.Opt<T> => (value === undefined ? [] : [value]);
const principal = (text: string): Principal => Principal.fromText(text);

export const initFromCandid = (init: C.QueueInitArgs): QueueInit => ({
  governance: init.governance.toText(),
  registry: init.registry.toText(),
  params: fromOpt(init.params),
  llm: fromOpt(init.llm)?.toText(),
});

export const submitFromCandid = (args: C.SubmitArgs): SubmitArgs => ({
  ...args,
  temperature: fromOpt(args.temperature),
  seed: fromOpt(args.seed),
});

export const membershipFromCandid = (batch: C.MembershipBatch): MembershipBatch => ({
  epoch: batch.epoch,
  snapshot: fromOpt(batch.snapshot),
  skip: fromOpt(batch.skip),
  updates: batch.updates.map((u) => ({ ...u, worker: u.worker.toText(), contributor: u.contributor.toText() })),
});

export function jobToCandid(job: JobView): C.Job {
  const status: C.JobStatus =
    'Completed' in job.status
      ? { Completed: { ...job.status.Completed, worker: principal(job.status.Completed.worker) } }
      : job.status;
  return { ...job, submitter: principal(job.submitter), status };
}

export const leaseToCandid = (lease: Lease): C.Lease => ({
  ...lease,
  temperature: toOpt(lease.temperature),
  seed: toOpt(lease.seed),
});

export const workerToCandid = (w: WorkerStats): C.WorkerStats => ({
  worker: principal(w.worker),
  contributor: principal(w.contributor),
  active: w.active,
  completed: w.completed,
  failed: w.failed,
  expired_leases: w.expired_leases,
  latency_ms_total: w.latency_ms_total,
  latency_ms_max: w.latency_ms_max,
  last_heartbeat: toOpt(w.last_heartbeat),
  last_seen: toOpt(w.last_seen),
  models: w.models,
  version: w.version,
  in_flight: w.in_flight,
  leases: w.leases,
});
