/** Public job types shared by the host (parent) and the inference child. */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** A function call the model made; `arguments` is a JSON object as text. */
export interface ToolCallOut {
  id: string;
  name: string;
  arguments: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** assistant turns: the calls the model made in that turn */
  toolCalls?: ToolCallOut[];
  /** tool turns: the id of the call this message answers */
  toolCallId?: string;
}

/** A function the model may call; `parameters` is a parsed JSON Schema object. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface InferenceRequest {
  messages: ChatMessage[];
  maxTokens: number;
  /** 0 (default) is greedy and deterministic */
  temperature?: number;
  /** sampling seed, used when temperature > 0 */
  seed?: number;
  /** absolute deadline, epoch milliseconds */
  deadline?: number;
  /** functions the model may call instead of answering in text */
  tools?: ToolSpec[];
  /**
   * 'auto' (default): the model answers in text or calls tools, through node-llama-cpp's function calling.
   * 'required': a grammar makes it call exactly one tool. The queue's job format (like the IC's LLM canister)
   * has no such option, so jobs from the queue always run 'auto'; tests and benches use 'required'.
   */
  toolChoice?: 'auto' | 'required';
}

export type StopReason = 'eos' | 'max-tokens';

export type FailureCode =
  | 'deadline' // the job's deadline passed (queued, evaluating or generating)
  | 'cancelled' // the caller's AbortSignal fired
  | 'crashed' // the inference child exited mid-job
  | 'invalid-request' // bad messages / limits: retrying will not help
  | 'prompt-too-long' // prompt does not fit the context window of this worker
  | 'unavailable' // the host is closed or gave up restarting
  | 'internal'; // unexpected error inside the child

export interface InferenceSuccess {
  ok: true;
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** wall time inside the child: context creation, prompt evaluation and generation */
  ms: number;
  stopReason: StopReason;
  /** the model's calls of the request's tools, for the submitter to run (absent when it answered in text) */
  toolCalls?: ToolCallOut[];
}

export interface InferenceFailure {
  ok: false;
  code: FailureCode;
  /** one line, safe to store on-chain */
  reason: string;
  retryable: boolean;
  tokensIn: number;
  tokensOut: number;
  ms: number;
}

export type InferenceResult = InferenceSuccess | InferenceFailure;

export interface ModelInfo {
  path: string;
  architecture: string;
  name: string | undefined;
  vocabSize: number;
  trainContextSize: number;
  /** chat wrapper node-llama-cpp resolved from the GGUF's chat template, e.g. "ChatML" */
  chatWrapper: string;
  sizeBytes: number;
  loadMs: number;
}

export interface EngineConfig {
  modelPath: string;
  /** CPU threads for model evaluation; set explicitly (default 4 on a 2-core box is very slow) */
  threads: number;
  /** tokens per job context */
  contextSize: number;
  gpu: false | 'auto' | 'cuda' | 'vulkan' | 'metal';
}

export function failure(
  code: FailureCode,
  reason: string,
  retryable: boolean,
  partial: Partial<Pick<InferenceFailure, 'tokensIn' | 'tokensOut' | 'ms'>> = {},
): InferenceFailure {
  return { ok: false, code, reason: oneLine(reason), retryable, tokensIn: 0, tokensOut: 0, ms: 0, ...partial };
}

export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** setTimeout delay until an epoch-ms instant, clamped to what Node timers accept (about 24.8 days). */
export function msUntil(epochMs: number): number {
  return Math.min(2 ** 31 - 1, Math.max(0, epochMs - Date.now()));
}
