/** Messages between ModelHost (parent) and the inference child over the fork IPC channel. */
import type { EngineConfig, InferenceRequest, InferenceResult, ModelInfo } from './types.ts';

export type ToChild =
  | { t: 'init'; config: EngineConfig }
  | { t: 'run'; id: number; request: InferenceRequest }
  | { t: 'cancel'; id: number; reason: 'deadline' | 'cancelled' }
  | { t: 'shutdown' };

export type LoadErrorCode =
  'not-found' | 'invalid-gguf' | 'no-binary' | 'load-failed' | 'crashed' | 'timeout' | 'closed';

export type ToParent =
  | { t: 'ready'; info: ModelInfo }
  | { t: 'load-progress'; fraction: number }
  | { t: 'init-failed'; code: LoadErrorCode; message: string }
  | { t: 'progress'; id: number; tokensOut: number }
  | { t: 'result'; id: number; result: InferenceResult };
