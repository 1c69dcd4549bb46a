import { Principal } from '@dfinity/principal';

import type * as C from './interface.ts';
import type { CompleteArgs } from './domain/complete.ts';
import type { QueueInit } from './domain/config.ts';
import type { JobView } from './domain/jobs.ts';
import type { Lease } from './domain/lease.ts';
import type { MembershipBatch } from './domain/membership.ts';
import type { Message } from './domain/model.ts';
import type { SubmitArgs } from './domain/submit.ts';
import type { Tool, ToolCall } from './domain/tools.ts';
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

/** An empty list reads as none: `opt vec` has two ways to say "no tools" and the domain keeps one. */
const listFromOpt = <T>(value: C.Opt<T[]>): T[] | undefined => {
  const list = fromOpt(value);
  return list?.length ? list : undefined;
};

const messageFromCandid = (m: C.Message): Message => ({
  role: m.role,
  content: m.content,
  tool_calls: listFromOpt(m.tool_calls),
  tool_call_id: fromOpt(m.tool_call_id),
});
const messageToCandid = (m: Message): C.Message => ({
  role: m.role,
  content: m.content,
  tool_calls: toOpt(m.tool_calls),
  tool_call_id: toOpt(m.tool_call_id),
});
const toolFromCandid = (t: C.Tool): Tool => ({
  name: t.name,
  description: fromOpt(t.description),
  parameters: fromOpt(t.parameters),
});
const toolToCandid = (t: Tool): C.Tool => ({
  name: t.name,
  description: toOpt(t.description),
  parameters: toOpt(t.parameters),
});

export const submitFromCandid = (args: C.SubmitArgs): SubmitArgs => ({
  model: args.model,
  messages: args.messages.map(messageFromCandid),
  tools: listFromOpt(args.tools)?.map(toolFromCandid),
  max_tokens: args.max_tokens,
  temperature: fromOpt(args.temperature),
  seed: fromOpt(args.seed),
});

export const completeFromCandid = (args: C.CompleteArgs): CompleteArgs => ({
  ...args,
  tool_calls: listFromOpt<ToolCall>(args.tool_calls),
});

export const membershipFromCandid = (batch: C.MembershipBatch): MembershipBatch => ({
  epoch: batch.epoch,
  snapshot: fromOpt(batch.snapshot),
  skip: fromOpt(batch.skip),
  updates: batch.updates.map((u) => ({ ...u, worker: u.worker.toText(), contributor: u.contributor.toText() })),
});

export function jobToCandid(job: JobView): C.Job {
  const done = 'Completed' in job.status ? job.status.Completed : undefined;
  const status: C.JobStatus = done
    ? { Completed: { ...done, tool_calls: toOpt(done.tool_calls), worker: principal(done.worker) } }
    : (job.status as C.JobStatus);
  return { ...job, submitter: principal(job.submitter), status };
}

export const leaseToCandid = (lease: Lease): C.Lease => ({
  ...lease,
  messages: lease.messages.map(messageToCandid),
  tools: toOpt(lease.tools?.map(toolToCandid)),
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
  latency_ms_p50: toOpt(w.latency_ms_p50),
  latency_ms_p95: toOpt(w.latency_ms_p95),
  last_heartbeat: toOpt(w.last_heartbeat),
  last_seen: toOpt(w.last_seen),
  models: w.models,
  version: w.version,
  in_flight: w.in_flight,
  leases: w.leases,
});
