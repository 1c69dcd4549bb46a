import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/errors.ts';

/** `gatehouse-worker bench` runs worker/scripts/bench-worker.ts with the same arguments. */
export function benchCommand(argv: string[]): number {
  const script = fileURLToPath(new URL('../../scripts/bench-worker.ts', import.meta.url));
  // The bench deploys a local network: it runs from the Gatehouse repository, not from an installed package.
  if (!existsSync(script)) throw new ConfigError('bench runs from the Gatehouse repository: npm run bench:worker');
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...argv], { stdio: 'inherit' });
  return r.status ?? 1;
}
