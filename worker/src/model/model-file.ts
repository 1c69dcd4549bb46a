/** Writes a generated model to disk atomically (temp name + rename), so concurrent writers never expose a partial file. */
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildTinyModel } from './tiny-model.ts';
import type { ModelShape } from './hyperparameters.ts';

export async function writeModelFile(path: string, options: Partial<ModelShape> = {}): Promise<number> {
  const bytes = buildTinyModel(options);
  await writeAtomically(path, bytes);
  return bytes.length;
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp.gguf`; // still git-ignored
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Makes `path` hold exactly the generated model (rewriting a stale or missing file); returns the path. */
export async function ensureModelFile(path: string, options: Partial<ModelShape> = {}): Promise<string> {
  const bytes = buildTinyModel(options);
  const existing = await readFile(path).catch(() => null);
  if (!existing || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(existing))
    await writeAtomically(path, bytes);
  return path;
}
