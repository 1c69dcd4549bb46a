/**
 * Where to talk to: the replica URL and the canister ids. Local: .env's CANISTER_ID_<NAME> lines (what
 * localnet's deploy writes), flags win. ic: flags or the process environment; the SNS governance id is a
 * flag (--governance) because it is the DAO's, not ours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { GatehouseCanister } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';

import type { CommonOptions } from './args.ts';
import { CliError } from './errors.ts';

export interface NetworkConfig {
  network: 'local' | 'ic';
  host: string;
  fetchRootKey: boolean;
  governance: Principal | undefined;
  canisters: Partial<Record<GatehouseCanister, Principal>>;
}

export const DEFAULT_HOSTS = { local: 'http://127.0.0.1:4943', ic: 'https://icp-api.io' } as const;

/** KEY='value' / KEY="value" / KEY=value lines; comments and blank lines skipped. */
export function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    vars[m[1]!] = m[2]!.replace(
      /^'(.*)'$|^"(.*)"$/,
      (_all, a: string | undefined, b: string | undefined) => a ?? b ?? '',
    );
  }
  return vars;
}

function principal(what: string, text: string | undefined): Principal | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return Principal.fromText(text);
  } catch {
    throw new CliError(`${what} is not a principal: "${text}"`);
  }
}

export function resolveConfig(
  o: CommonOptions,
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): NetworkConfig {
  let vars: Record<string, string | undefined> = env;
  if (o.network === 'local') {
    const file = resolve(cwd, o.envFile ?? '.env');
    if (o.envFile !== undefined && !existsSync(file)) throw new CliError(`--env-file ${o.envFile} does not exist`);
    vars = { ...(existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8')) : {}), ...env };
  }
  const id = (name: GatehouseCanister) =>
    principal(`--${name}`, o.canisters[name] ?? vars[`CANISTER_ID_${name.toUpperCase()}`]);
  const governanceText = o.network === 'local' ? (o.governance ?? vars.CANISTER_ID_SNS_GOVERNANCE) : o.governance;
  return {
    network: o.network,
    host: o.host ?? DEFAULT_HOSTS[o.network],
    fetchRootKey: o.network === 'local',
    governance: principal('--governance', governanceText),
    canisters: { registry: id('registry'), invitation: id('invitation'), queue: id('queue'), llm: id('llm') },
  };
}

export function requireGovernance(c: NetworkConfig): Principal {
  if (c.governance) return c.governance;
  throw new CliError(
    c.network === 'local'
      ? 'no SNS governance id: CANISTER_ID_SNS_GOVERNANCE is not in .env (deploy first: npm start) and no --governance was given'
      : '--governance <SNS governance canister id> is required on --network ic',
  );
}

export function requireCanister(c: NetworkConfig, name: GatehouseCanister): Principal {
  const id = c.canisters[name];
  if (id) return id;
  throw new CliError(
    `no ${name} canister id: pass --${name} or set CANISTER_ID_${name.toUpperCase()}${c.network === 'local' ? ' (in .env: deploy first, npm start)' : ''}`,
  );
}
