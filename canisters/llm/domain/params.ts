import { escapeMarkdown } from '../../shared/domain/markdown.ts';
import { conflict, invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkRanges } from '../../shared/domain/validate.ts';
import { checkModelNames } from '../../queue/domain/limits.ts';

/** A model name callers of the LLM API use, and the queue model (GGUF served by workers) it runs on. */
export interface ModelRoute {
  name: string;
  worker_model: string;
}

/** What governance tunes (set_params). */
export interface LlmParams {
  /** The names v0_chat/v1_chat accept and where each is served. */
  models: ModelRoute[];
  /** How long a chat call stays open for its job; then the job is cancelled and the call rejected. */
  timeout_seconds: number;
  /** max_tokens of the jobs it submits (the LLM API has no such field). */
  max_tokens: number;
  /** Largest Candid argument of a chat call (inspect_message and the decoder refuse larger ones). */
  max_request_bytes: number;
}

/** The names `@dfinity/llm`, `ic-llm` and `mo:llm` use; on localnet all three run on the generated tiny model. */
export const LIBRARY_MODELS = ['llama3.1:8b', 'qwen3:32b', 'llama4-scout'] as const;

export const DEFAULT_PARAMS: LlmParams = {
  models: LIBRARY_MODELS.map((name) => ({ name, worker_model: 'tiny-chat' })),
  timeout_seconds: 300,
  max_tokens: 256,
  max_request_bytes: 65_536,
};

export const PARAM_RANGES: Record<Exclude<keyof LlmParams, 'models'>, [number, number]> = {
  timeout_seconds: [5, 3_600],
  max_tokens: [1, 32_768],
  max_request_bytes: [1_024, 2 * 1024 * 1024],
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkParams(params: LlmParams): Result<LlmParams> {
  if (params.models.length === 0) return invalidInput('models must not be empty');
  const names = params.models.map((m) => m.name);
  const nameError =
    checkModelNames('models.name', names) ??
    checkModelNames(
      'models.worker_model',
      params.models.map((m) => m.worker_model),
    );
  if (nameError) return nameError;
  // A line break in a name would start a line of its own in the proposal's rendering.
  if (params.models.some((m) => CONTROL.test(m.name) || CONTROL.test(m.worker_model)))
    return invalidInput('model names must not contain control characters');
  if (new Set(names).size !== names.length) return invalidInput('model names must not repeat');
  return checkRanges(params, PARAM_RANGES) ?? ok(params);
}

/** Markdown for voters; model names come from the proposer, so they are escaped. */
export function renderParams(params: LlmParams): string {
  return [
    ...params.models.map((m) => `model ${escapeMarkdown(m.name)} -> ${escapeMarkdown(m.worker_model)}`),
    `timeout_seconds = ${params.timeout_seconds}`,
    `max_tokens = ${params.max_tokens}`,
    `max_request_bytes = ${params.max_request_bytes}`,
  ].join('\n');
}

/** set_params carries the params it replaces: a proposal made from params since changed cannot execute. */
export interface SetLlmParams {
  expected: LlmParams;
  params: LlmParams;
}

/** Field by field: a decoded Candid record's keys come in another order than the stored one's. */
function same(a: LlmParams, b: LlmParams): boolean {
  const routes = (p: LlmParams) => p.models.map((m) => `${m.name}\u0000${m.worker_model}`).join('\u0001');
  return (
    (Object.keys(PARAM_RANGES) as Array<keyof typeof PARAM_RANGES>).every((k) => a[k] === b[k]) &&
    routes(a) === routes(b)
  );
}

/** What set_params would do; the text is the proposal's rendering. Deterministic, no state change. */
export function planSetParams(current: LlmParams, { expected, params }: SetLlmParams): Result<string> {
  const checked = checkParams(params);
  if ('Err' in checked) return checked;
  if (!same(expected, current)) {
    return conflict('the params changed since this proposal was made; propose again from the current ones');
  }
  if (same(current, params)) return conflict('the proposed params equal the current ones');
  return ok(`Set llm params to:\n${renderParams(params)}`);
}
