/**
 * Runs the official `icp` CLI (npm @icp-sdk/icp-cli-linux-x64, the Rust binary) as a new user would, with a private
 * HOME (identities, caches) and telemetry off, against a localnet URL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ICP_BIN = fileURLToPath(
  new URL('../../../node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp', import.meta.url),
);

export interface IcpResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class Icp {
  readonly home = mkdtempSync(join(tmpdir(), 'icp-home-'));

  constructor(private readonly url: string) {}

  /** Any icp command; never throws on a non-zero exit (tests assert on it). */
  raw(args: string[], cwd = this.home): Promise<IcpResult> {
    return new Promise((resolve) => {
      execFile(
        ICP_BIN,
        args,
        {
          cwd,
          env: { PATH: process.env.PATH, HOME: this.home, DO_NOT_TRACK: '1', NO_COLOR: '1', TERM: 'dumb' },
          timeout: 60_000,
          maxBuffer: 16 * 2 ** 20,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** A command against the network (`--network <url> --root-key fetch`) as `identity`. */
  net(args: string[], identity = 'anonymous'): Promise<IcpResult> {
    return this.raw([...args, '--network', this.url, '--root-key', 'fetch', '--identity', identity]);
  }

  /** As `net`, but a non-zero exit throws with the CLI's output. */
  async ok(args: string[], identity = 'anonymous'): Promise<string> {
    const r = await this.net(args, identity);
    if (r.code !== 0) throw new Error(`icp ${args.join(' ')} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  }
}
