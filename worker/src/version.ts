import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** Sent in heartbeats: `gatehouse-worker/0.1.0`. */
export const WORKER_VERSION = `${pkg.name}/${pkg.version}`;
