import { resolve } from 'node:path';
import { Principal } from '@icp-sdk/core/principal';
import { ConfigError } from './errors.ts';
import {
  canisterId,
  DEFAULT_IDENTITY,
  IDENTITY_OPTION,
  NETWORK_OPTION,
  networkUrl,
  parseOptions,
  type OptionTable,
} from './options.ts';

export const KEYS_ACTIONS = ['bind', 'unbind', 'list'] as const;
export type KeysAction = (typeof KEYS_ACTIONS)[number];

/** option → [environment variable, default, description], as START_OPTIONS */
export const KEYS_OPTIONS = {
  contributor: [
    '',
    '',
    "the contributor's key (PEM, e.g. from `identity new --identity contributor.pem`); it signs bind/unbind",
  ],
  identity: IDENTITY_OPTION,
  worker: ['', '', "the worker key's principal, instead of --identity's"],
  of: ['', '', 'list: a contributor (or worker key) principal, instead of --contributor'],
  network: NETWORK_OPTION,
  registry: ['GATEHOUSE_REGISTRY', '$CANISTER_ID_REGISTRY, else .env', 'registry canister id'],
} as const satisfies OptionTable;

/** The worker key a bind/unbind names: a principal given as such, or the key file whose principal it is. */
export type WorkerKeySource = { principal: Principal } | { identityPath: string };

export type KeysConfig = { network: string; registryId: string } & (
  | { action: 'bind' | 'unbind'; contributorPath: string; worker: WorkerKeySource }
  | { action: 'list'; subject: { contributorPath: string } | { principal: Principal } }
);

function principal(option: string, text: string): Principal {
  try {
    return Principal.fromText(text.trim());
  } catch {
    throw new ConfigError(`--${option} must be a principal (as \`identity show\` prints it), got "${text}"`);
  }
}

/** `keys <action>`'s options from argv, then environment, then defaults. Throws ConfigError. */
export function parseKeysConfig(
  action: string | undefined,
  argv: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): KeysConfig {
  if (!KEYS_ACTIONS.includes(action as KeysAction)) {
    throw new ConfigError(
      `${action === undefined ? 'missing' : `unknown`} keys action${action === undefined ? '' : ` "${action}"`} (bind | unbind | list)`,
    );
  }
  const { get, has } = parseOptions(KEYS_OPTIONS, argv, env);
  const network = networkUrl(get('network'));
  const registryId = canisterId(get('registry'), 'registry', env, cwd);
  const contributor = get('contributor');
  if (action === 'list') {
    for (const wrong of ['worker', 'identity'] as const)
      if (has(wrong))
        throw new ConfigError(
          `--${wrong} is for keys bind/unbind; keys list takes --contributor FILE or --of PRINCIPAL`,
        );
    const of = get('of');
    if ((contributor === undefined) === (of === undefined))
      throw new ConfigError('keys list needs one of --contributor FILE or --of PRINCIPAL');
    return {
      action,
      network,
      registryId,
      subject: of === undefined ? { contributorPath: resolve(contributor!) } : { principal: principal('of', of) },
    };
  }
  if (has('of')) throw new ConfigError(`--of is for keys list; keys ${action} takes --contributor FILE`);
  if (contributor === undefined)
    throw new ConfigError(`keys ${action} needs --contributor FILE: the contributor's key signs the call`);
  if (has('worker') && has('identity')) throw new ConfigError('pass --worker PRINCIPAL or --identity FILE, not both');
  const worker = get('worker');
  const named = worker === undefined ? undefined : principal('worker', worker);
  if (action === 'bind' && named !== undefined)
    throw new ConfigError(
      "keys bind needs the worker key's own signature to accept: pass --identity FILE, not --worker",
    );
  return {
    action: action as 'bind' | 'unbind',
    network,
    registryId,
    contributorPath: resolve(contributor),
    worker: named === undefined ? { identityPath: resolve(get('identity') ?? DEFAULT_IDENTITY) } : { principal: named },
  };
}
