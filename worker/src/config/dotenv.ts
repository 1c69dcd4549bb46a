import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A variable from a dfx-style `.env` (NAME='value' lines), or undefined. */
export function readDotEnv(dir: string, name: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.env'), 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === name) return match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return undefined;
}
