/**
 * The signing identity: a `dfx identity export` PEM (PKCS#8 Ed25519; node:crypto does the ASN.1), or on
 * localnet, when none is given, the dev neuron owner that localnet's deploy gives the genesis neuron.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { AnonymousIdentity, type Identity } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

import { devNeuronIdentity } from '../../localnet/src/deploy.ts';
import type { Network } from './args.ts';
import { CliError } from './errors.ts';

export function identityFromPem(pem: string, source = 'the PEM'): Ed25519KeyIdentity {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new CliError(
      `${source} is not a PEM private key (expected PKCS#8 Ed25519 "-----BEGIN PRIVATE KEY-----", as dfx identity export writes)`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CliError(
      `${source} holds a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; only Ed25519 identities are supported`,
    );
  }
  const { d } = key.export({ format: 'jwk' });
  if (!d) throw new CliError(`${source} holds no private key`);
  return Ed25519KeyIdentity.generate(new Uint8Array(Buffer.from(d, 'base64url')));
}

/** Reads need no key: on ic, without --identity, they go out anonymously. */
export function loadIdentity(network: Network, pemPath: string | undefined, signs = true): Identity {
  if (pemPath === undefined) {
    if (network === 'local') return devNeuronIdentity();
    if (!signs) return new AnonymousIdentity();
    throw new CliError('--identity <pem> is required on --network ic (dfx identity export <name> > me.pem)');
  }
  let pem: string;
  try {
    pem = readFileSync(pemPath, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --identity ${pemPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return identityFromPem(pem, pemPath);
}
