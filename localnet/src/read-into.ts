/** Reading large files (a state directory's memories, modules) without copying them on the way. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Fills `views` from the file, one after the other. Straight into the final buffers: a restart reads ~60 MB of
 * heaps, and every extra copy of them (or fresh page touched) is time on the way to a usable network.
 */
export function readInto(path: string, views: Uint8Array[]): void {
  const fd = openSync(path, 'r');
  try {
    let position = 0;
    for (const view of views) {
      for (let done = 0; done < view.byteLength;) {
        const n = readSync(fd, view, done, view.byteLength - done, position + done);
        if (n === 0) throw new Error(`${path}: shorter than network.json says`);
        done += n;
      }
      position += view.byteLength;
    }
  } finally {
    closeSync(fd);
  }
}

/** A file's bytes as a plain Uint8Array, not copied (megabytes of wasm; a Buffer would also serialise differently). */
export function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
