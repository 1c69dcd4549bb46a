/** Cheap checks in the parent before forking: the path is a readable file starting with a GGUF v2/v3 header. */
import { open } from 'node:fs/promises';
import { ModelLoadError } from './errors.ts';

export async function checkGgufFile(path: string): Promise<number> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
    throw new ModelLoadError('not-found', `cannot open model ${path}: ${why}`, path);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ModelLoadError('not-found', `model path ${path} is not a file`, path);
    const header = Buffer.alloc(8);
    const { bytesRead } = await handle.read(header, 0, 8, 0);
    if (bytesRead < 8 || header.toString('latin1', 0, 4) !== 'GGUF') {
      throw new ModelLoadError('invalid-gguf', `${path} is not a GGUF file (bad magic)`, path);
    }
    const version = header.readUInt32LE(4);
    if (version !== 2 && version !== 3) {
      throw new ModelLoadError('invalid-gguf', `${path} has unsupported GGUF version ${version}`, path);
    }
    return stats.size;
  } finally {
    await handle.close();
  }
}
