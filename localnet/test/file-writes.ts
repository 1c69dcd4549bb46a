/** Which files in a directory a step wrote: for measuring what a save costs. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Listing = Map<string, { ino: number; mtimeNs: bigint; size: number }>;

export function listFiles(dir: string): Listing {
  const out: Listing = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const s = statSync(path, { bigint: true });
    out.set(path, { ino: Number(s.ino), mtimeNs: s.mtimeNs, size: Number(s.size) });
  }
  return out;
}

/** Total size of the files that are new or rewritten in `after` compared with `before`. */
export function bytesWritten(before: Listing, after: Listing): number {
  let n = 0;
  for (const [path, f] of after) {
    const b = before.get(path);
    if (!b || b.ino !== f.ino || b.mtimeNs !== f.mtimeNs) n += f.size;
  }
  return n;
}
