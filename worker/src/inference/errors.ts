import type { LoadErrorCode } from './protocol.ts';

/** The model could not be loaded: missing file, not a GGUF, no llama.cpp binary, or the child died loading it. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
  constructor(
    readonly code: LoadErrorCode,
    message: string,
    readonly modelPath: string,
  ) {
    super(message);
  }
}
