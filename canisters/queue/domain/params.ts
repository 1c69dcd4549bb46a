import { MAX_ARG_ELEMENTS } from '../../shared/domain/inspect.ts';
import { invalidInput, ok, type GatehouseError, type Result } from '../../shared/domain/result.ts';
import { checkRanges } from '../../shared/domain/validate.ts';
import { checkModelNames } from './limits.ts';

/** Limits governance may tune (set_params). Every size or count a caller controls is bounded by one of these. */
export interface QueueParams {
  /** Models a job may name. */
  models: string[];
  /** Messages per job. */
  max_messages: number;
  /** Sum of message contents, tool calls and tool definitions, UTF-8 bytes. */
  max_prompt_bytes: number;
  /** Largest max_tokens a job may ask for. */
  max_tokens: number;
  /** Queued + Leased jobs per submitter. */
  max_pending_per_caller: number;
  /** Lease length granted by lease(). */
  lease_seconds: number;
  /** Absolute cap on a lease, measured from lease start, extensions included. */
  max_lease_seconds: number;
  /** Leases a job may be charged before it fails. */
  max_attempts: number;
  /** Output of complete(), UTF-8 bytes. */
  max_output_bytes: number;
  /** Jobs handed out by one lease() call. */
  max_jobs_per_lease: number;
  /** Reason of fail(), UTF-8 bytes. */
  max_reason_bytes: number;
  /** Live leases one worker key may hold at once (bounds what deactivation must return). */
  max_leases_per_worker: number;
  /** Queued + Leased jobs of all submitters together; submit answers LimitExceeded beyond it. */
  max_queued_jobs: number;
  /** A job still Queued this long after submission becomes Expired. */
  queued_ttl_seconds: number;
  /** Finished jobs (Completed, Failed, Cancelled, Expired) are deleted this long after they finished. */
  retention_seconds: number;
  /** Tools one job may offer the model (0: jobs with tools are refused). */
  max_tools_per_job: number;
  /** Tool calls in one completion, and in one assistant message of a job. */
  max_tool_calls: number;
}

export const DEFAULT_PARAMS: QueueParams = {
  models: ['tiny-chat'],
  max_messages: 32,
  max_prompt_bytes: 10_240,
  max_tokens: 2048,
  max_pending_per_caller: 16,
  lease_seconds: 60,
  max_lease_seconds: 600,
  max_attempts: 3,
  max_output_bytes: 32_768,
  max_jobs_per_lease: 8,
  max_reason_bytes: 512,
  max_leases_per_worker: 32,
  max_queued_jobs: 10_000,
  queued_ttl_seconds: 86_400,
  retention_seconds: 604_800,
  max_tools_per_job: 32,
  max_tool_calls: 16,
};

/** Inclusive ranges governance may choose from. */
export const PARAM_RANGES: Record<Exclude<keyof QueueParams, 'models'>, [number, number]> = {
  max_messages: [1, 256],
  max_prompt_bytes: [1, 1_000_000],
  // 8 192 tokens of up to MAX_BYTES_PER_TOKEN bytes fill the largest max_output_bytes.
  max_tokens: [1, 8_192],
  max_pending_per_caller: [1, 1_000],
  lease_seconds: [5, 3_600],
  max_lease_seconds: [5, 86_400],
  max_attempts: [1, 10],
  // 128 KiB: the largest text a worker's output may be; a 1 MB argument took 14–22 s of decoding.
  max_output_bytes: [16, 131_072],
  max_jobs_per_lease: [1, 100],
  max_reason_bytes: [1, 4_096],
  max_leases_per_worker: [1, 1_000],
  max_queued_jobs: [1, 1_000_000],
  queued_ttl_seconds: [60, 2_592_000],
  retention_seconds: [60, 31_536_000],
  max_tools_per_job: [0, 128],
  max_tool_calls: [0, 64],
};

export function validateParams(params: QueueParams): Result<QueueParams> {
  if (params.models.length === 0) return invalidInput('models must not be empty');
  const modelError = checkModelNames('models', params.models);
  if (modelError) return modelError;
  if (new Set(params.models).size !== params.models.length) return invalidInput('models must not repeat');
  const rangeError = checkRanges(params, PARAM_RANGES);
  if (rangeError) return rangeError;
  if (params.max_lease_seconds < params.lease_seconds) {
    return invalidInput('max_lease_seconds must be at least lease_seconds');
  }
  return checkCombinations(params) ?? ok(params);
}

/** The IC's limit on a reply (and an ingress message). */
export const MAX_REPLY_BYTES = 2 * 1024 * 1024;
/** Candid bytes around one leased job besides its message texts (ids, token, deadline, model, options). */
const LEASE_OVERHEAD_BYTES = 256;
/** Candid bytes around one message besides its texts (role, lengths, the opt tags of its tool fields). */
export const MESSAGE_OVERHEAD_BYTES = 16;
/** Candid bytes around one tool or one tool call besides its texts (lengths, opt tags). */
export const TOOL_OVERHEAD_BYTES = 24;
/** UTF-8 bytes one generated token can take; a job's output must have room for max_tokens of them. */
export const MAX_BYTES_PER_TOKEN = 16;
/** Stable memory the stored jobs may take: queued + leased, and as many finished (see prune.ts). */
export const JOB_STORAGE_BUDGET_BYTES = 64 * 1024 ** 3;
const JOB_RECORD_OVERHEAD_BYTES = 1024;

/**
 * Candid bytes of a job's messages and tools at their largest: the texts (max_prompt_bytes) plus the framing of
 * every message, of every tool call an assistant message may carry, and of every tool.
 */
export function promptArgBytes(params: QueueParams): number {
  const calls = params.max_messages * params.max_tool_calls;
  const framing =
    params.max_messages * MESSAGE_OVERHEAD_BYTES + (calls + params.max_tools_per_job) * TOOL_OVERHEAD_BYTES;
  return params.max_prompt_bytes + framing;
}

/** Vector elements of a submit at its largest: the messages, each one's tool calls, the tools. */
export const submitArgElements = (params: QueueParams): number =>
  params.max_messages * (1 + params.max_tool_calls) + params.max_tools_per_job;

/** Candid bytes of a completion's output and tool calls at their largest. */
export const outputArgBytes = (params: QueueParams): number =>
  params.max_output_bytes + params.max_tool_calls * TOOL_OVERHEAD_BYTES;

/** Combinations under which a method would trap (reply over the limit) or a job could never be completed. */
function checkCombinations(params: QueueParams): { Err: GatehouseError } | undefined {
  const perLease = promptArgBytes(params) + LEASE_OVERHEAD_BYTES;
  const leaseReply = params.max_jobs_per_lease * perLease + LEASE_OVERHEAD_BYTES;
  if (leaseReply > MAX_REPLY_BYTES) {
    return invalidInput(
      `max_jobs_per_lease × max_prompt_bytes makes a lease reply of up to ${leaseReply} bytes; the IC's limit is ${MAX_REPLY_BYTES}`,
    );
  }
  // inspect_message refuses an argument with more vector elements than this (each costs the decoder ~10^5
  // instructions); params under which submit would accept such an argument would make the filter refuse jobs
  // the method takes.
  const elements = submitArgElements(params);
  if (elements > MAX_ARG_ELEMENTS) {
    return invalidInput(
      `max_messages × (1 + max_tool_calls) + max_tools_per_job lets a submit hold ${elements} vector elements; inspect_message admits at most ${MAX_ARG_ELEMENTS}`,
    );
  }
  if (params.max_tokens * MAX_BYTES_PER_TOKEN > params.max_output_bytes) {
    return invalidInput(
      `max_tokens ${params.max_tokens} needs up to ${params.max_tokens * MAX_BYTES_PER_TOKEN} output bytes; max_output_bytes is ${params.max_output_bytes}`,
    );
  }
  const perJob = params.max_prompt_bytes + params.max_output_bytes + JOB_RECORD_OVERHEAD_BYTES;
  if (2 * params.max_queued_jobs * perJob > JOB_STORAGE_BUDGET_BYTES) {
    return invalidInput(
      `max_queued_jobs × (max_prompt_bytes + max_output_bytes) would let jobs take over ${JOB_STORAGE_BUDGET_BYTES} bytes`,
    );
  }
  return undefined;
}

/** Human-readable rendering for a proposal's payload_text_rendering. */
export function renderParams(params: QueueParams): string {
  const lines = Object.entries(params).map(([name, value]) =>
    Array.isArray(value) ? `${name} = [${value.join(', ')}]` : `${name} = ${value}`,
  );
  return lines.join('\n');
}
