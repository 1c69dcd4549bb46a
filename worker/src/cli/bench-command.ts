import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `gatehouse-worker bench` runs worker/scripts/bench-worker.ts with the same arguments. */
export function benchCommand(argv: string[]): number {
  const script = fileURLToPath(new URL('../../scripts/bench-worker.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...argv], { stdio: 'inherit' });
  return r.status ?? 1;
}
