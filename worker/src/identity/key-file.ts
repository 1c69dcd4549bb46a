import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

/**
 * Writes a private key readable by its owner only. A new file goes to a private temporary name (created
 * with O_EXCL, mode 0600) and is renamed over `path`, so replacing an existing key never widens its mode
 * (writeFileSync's mode applies only on creation) and never leaves a half-written key behind. A symlink
 * at `path` is refused: writing through it would put the key wherever the link points.
 */
export function writeKeyFile(path: string, contents: string, { replace }: { replace: boolean }): void {
  const existing = lstatOrUndefined(path);
  if (existing?.isSymbolicLink())
    throw new KeyFileError(`${path} is a symbolic link; refusing to write a key through it`);
  if (existing && !replace) throw new KeyFileError(`${path} already exists (pass --force to replace it)`);
  if (existing && !existing.isFile()) throw new KeyFileError(`${path} is not a regular file`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, contents, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600); // the umask may have narrowed it further, never widened; make it exact
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
