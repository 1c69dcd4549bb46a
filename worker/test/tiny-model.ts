/** Shared test fixture: the deterministic tiny chat model, generated on demand (git-ignored). */
import { fileURLToPath } from 'node:url';
import { ensureModelFile } from '../src/model/model-file.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../../test/fixtures/models/', import.meta.url));
export const TINY_MODEL_PATH = `${FIXTURE_DIR}tiny-chat.gguf`;

/** Safe to call from several test files at once: the file is written under a temp name and renamed. */
export function ensureTinyModel(): Promise<string> {
  return ensureModelFile(TINY_MODEL_PATH);
}
