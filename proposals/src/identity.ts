/**
 * The signing identity: a `dfx identity export` PEM (PKCS#8 Ed25519), or on localnet, when none is given, the
 * dev neuron owner's key that localnet's deploy writes to `.localnet/dev-identity.pem`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { identityFromPem, PemError } from '@gatehouse/clients';
import { AnonymousIdentity, type Identity } from '@icp-sdk/core/agent';

import type { Network } from './args.ts';
import { CliError } from './errors.ts';

/** Where `npm start` (localnet's deploy) leaves the key of the local genesis neuron's owner. */
export const DEV_IDENTITY_FILE = '.localnet/dev-identity.pem';

function readPem(path: string, what: string): Identity {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`cannot read ${what} ${path}: ${code}`);
  }
  try {
    return identityFromPem(pem);
  } catch (error) {
    if (error instanceof PemError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Reads need no key: on ic, without --identity, they go out anonymously. */
export function loadIdentity(
  network: Network,
  pemPath: string | undefined,
  signs = true,
  cwd = process.cwd(),
): Identity {
  if (pemPath !== undefined) return readPem(pemPath, '--identity');
  if (network === 'local') {
    const dev = resolve(cwd, DEV_IDENTITY_FILE);
    try {
      return readPem(dev, 'the localnet dev identity');
    } catch (error) {
      if (!signs) return new AnonymousIdentity();
      throw new CliError(`${(error as Error).message}; deploy first (npm start) or pass --identity <pem>`);
    }
  }
  if (!signs) return new AnonymousIdentity();
  throw new CliError('--identity <pem> is required on --network ic (dfx identity export <name> > me.pem)');
}
