import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { identityFromPem, identityToPem, PemError } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { ConfigError } from '../config/errors.ts';
import { DEFAULT_IDENTITY } from '../config/start-config.ts';
import { KeyFileError, writeKeyFile } from '../identity/key-file.ts';

export const IDENTITY_HELP = `usage: gatehouse-worker identity new [--identity FILE] [--force]
       gatehouse-worker identity show [--identity FILE]
  new   writes a fresh Ed25519 key (PKCS#8 PEM, as \`dfx identity export\`) and prints its principal
  show  prints the principal of an existing key file
  FILE defaults to $GATEHOUSE_IDENTITY or ${DEFAULT_IDENTITY}
The principal is the worker key your contributor account binds (keys bind: the contributor offers it, this key accepts).`;

/** Reads a worker key; ConfigError (one line) when missing or not an Ed25519 PEM. */
export function readIdentity(path: string): Ed25519KeyIdentity {
  if (!existsSync(path))
    throw new ConfigError(`identity file not found: ${path} (create one with \`gatehouse-worker identity new\`)`);
  try {
    return identityFromPem(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof PemError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}

export function identityCommand(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  const [action, ...rest] = argv;
  let values: { identity?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { identity: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  if (values.help || action === undefined || action === '--help' || action === '-h') {
    out(IDENTITY_HELP);
    return action === undefined ? 1 : 0;
  }
  const path = resolve(values.identity ?? env.GATEHOUSE_IDENTITY ?? DEFAULT_IDENTITY);
  if (action === 'new') {
    const identity = Ed25519KeyIdentity.generate();
    try {
      writeKeyFile(path, identityToPem(identity), { replace: values.force === true });
    } catch (error) {
      if (error instanceof KeyFileError) throw new ConfigError(error.message);
      throw error;
    }
    out(`wrote ${path}`);
    out(`principal: ${identity.getPrincipal().toText()}`);
    return 0;
  }
  if (action === 'show') {
    out(readIdentity(path).getPrincipal().toText());
    return 0;
  }
  throw new ConfigError(`unknown identity action "${action}" (new | show)`);
}
