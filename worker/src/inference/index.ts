export { ModelHost, type ModelHostOptions, type RunOptions, type HostState, type CrashInfo } from './model-host.ts';
export { ModelLoadError } from './errors.ts';
export type {
  ChatMessage,
  ChatRole,
  ToolCallOut,
  ToolSpec,
  InferenceRequest,
  InferenceResult,
  InferenceSuccess,
  InferenceFailure,
  FailureCode,
  ModelInfo,
  StopReason,
} from './types.ts';
