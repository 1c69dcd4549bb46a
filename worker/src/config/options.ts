import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDotEnv } from './dotenv.ts';
import { ConfigError } from './errors.ts';

export const DEFAULT_NETWORK = 'http://127.0.0.1:4943';
export const DEFAULT_IDENTITY = resolve(homedir(), '.config/gatehouse/worker.pem');

/** option → [environment variable, default shown in --help, description]; the table behind parsing and --help */
export type OptionTable = Record<string, readonly [env: string, fallback: string, text: string]>;

/** Options every command that talks to the network shares (same variables, defaults and wording). */
export const NETWORK_OPTION = ['GATEHOUSE_NETWORK', DEFAULT_NETWORK, 'IC HTTP API URL'] as const;
export const IDENTITY_OPTION = [
  'GATEHOUSE_IDENTITY',
  DEFAULT_IDENTITY,
  'worker key (PEM, from `identity new`)',
] as const;

/** `--help` lines for an option table: `  --name   text (ENV, default)`; options without a variable show none. */
export function optionHelp(table: OptionTable): string {
  return Object.entries(table)
    .map(([name, [env, fallback, text]]) => {
      const source = [env, fallback].filter((s) => s !== '').join(', ');
      return `  --${name.padEnd(18)} ${text}${source ? ` (${source})` : ''}`;
    })
    .join('\n');
}

export interface ParsedOptions<Name extends string> {
  /** the option's value, else its environment variable's (when it has one and it is not empty) */
  get(name: Name): string | undefined;
  /** every value of a `multiple` option, as given on the command line */
  all(name: Name): string[] | undefined;
  has(name: Name): boolean;
}

/**
 * Parses `argv` against a table of string options (plus `booleans`), strictly: an unknown option or a
 * positional argument is a ConfigError with node's one-line message.
 */
export function parseOptions<T extends OptionTable>(
  table: T,
  argv: string[],
  env: NodeJS.ProcessEnv,
  o: { multiple?: ReadonlyArray<keyof T & string>; booleans?: readonly string[] } = {},
): ParsedOptions<keyof T & string> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const name of Object.keys(table))
    options[name] = { type: 'string', ...(o.multiple?.includes(name) ? { multiple: true } : {}) };
  for (const name of o.booleans ?? []) options[name] = { type: 'boolean' };
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  return {
    get(name) {
      const given = values[name];
      if (typeof given === 'string') return given;
      const variable = table[name]![0];
      const fromEnv = variable ? env[variable] : undefined;
      return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
    },
    all(name) {
      const given = values[name];
      return Array.isArray(given) ? given.map(String) : undefined;
    },
    has(name) {
      return values[name] !== undefined;
    },
  };
}

/** A validated IC HTTP API URL without trailing slashes (DEFAULT_NETWORK when not given). */
export function networkUrl(given: string | undefined): string {
  const network = given ?? DEFAULT_NETWORK;
  if (!/^https?:\/\/[^/\s]+/.test(network)) throw new ConfigError(`--network must be an http(s) URL, got "${network}"`);
  return network.replace(/\/+$/, '');
}

/**
 * A canister id: the option (or its own variable, already in `given`), else `CANISTER_ID_<NAME>` from the
 * environment, else from `<cwd>/.env` (dfx and `npm start` write it there).
 */
export function canisterId(
  given: string | undefined,
  name: 'queue' | 'registry',
  env: NodeJS.ProcessEnv,
  cwd: string,
): string {
  const variable = `CANISTER_ID_${name.toUpperCase()}`;
  const id = given ?? env[variable] ?? readDotEnv(cwd, variable);
  if (!id) throw new ConfigError(`no ${name} canister id: pass --${name}, or set ${variable} (dfx writes it to .env)`);
  return id;
}
