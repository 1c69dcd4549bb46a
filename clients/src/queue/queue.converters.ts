/** Candid `opt` fields of the queue's records ↔ `undefined`. */
import { fromOpt, toOpt, withoutUndefined } from '../utils/opt.ts';
import type {
  CandidCompleteArgs,
  CandidLease,
  CandidMessage,
  CandidSubmitArgs,
  CandidTool,
  CandidWorkerStats,
  CompleteArgs,
  Lease,
  Message,
  SubmitParams,
  Tool,
  WorkerStats,
} from './queue.types.ts';

const toCandidMessage = ({ tool_calls, tool_call_id, ...rest }: Message): CandidMessage => ({
  ...rest,
  tool_calls: toOpt(tool_calls),
  tool_call_id: toOpt(tool_call_id),
});

const toMessage = ({ tool_calls, tool_call_id, ...rest }: CandidMessage): Message =>
  withoutUndefined({ ...rest, tool_calls: fromOpt(tool_calls), tool_call_id: fromOpt(tool_call_id) });

const toCandidTool = ({ name, description, parameters }: Tool): CandidTool => ({
  name,
  description: toOpt(description),
  parameters: toOpt(parameters),
});

const toTool = ({ name, description, parameters }: CandidTool): Tool =>
  withoutUndefined({ name, description: fromOpt(description), parameters: fromOpt(parameters) });

export const toSubmitArgs = ({ messages, tools, temperature, seed, ...rest }: SubmitParams): CandidSubmitArgs => ({
  ...rest,
  messages: messages.map(toCandidMessage),
  tools: toOpt(tools?.map(toCandidTool)),
  temperature: toOpt(temperature),
  seed: toOpt(seed),
});

export const toLease = ({ messages, tools, temperature, seed, ...rest }: CandidLease): Lease =>
  withoutUndefined({
    ...rest,
    messages: messages.map(toMessage),
    tools: fromOpt(tools)?.map(toTool),
    temperature: fromOpt(temperature),
    seed: fromOpt(seed),
  });

export const toCompleteArgs = ({ tool_calls, ...rest }: CompleteArgs): CandidCompleteArgs => ({
  ...rest,
  tool_calls: toOpt(tool_calls),
});

export const toWorkerStats = ({
  last_heartbeat,
  last_seen,
  latency_ms_p50,
  latency_ms_p95,
  ...rest
}: CandidWorkerStats): WorkerStats =>
  withoutUndefined({
    ...rest,
    last_heartbeat: fromOpt(last_heartbeat),
    last_seen: fromOpt(last_seen),
    latency_ms_p50: fromOpt(latency_ms_p50),
    latency_ms_p95: fromOpt(latency_ms_p95),
  });
