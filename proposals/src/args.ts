/**
 * Command line → a typed request. Pure (no I/O), so it is unit-tested; errors are CliErrors (one line).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { CliError } from './errors.ts';

export const COMMANDS = [
  'functions',
  'register-functions',
  'nominate',
  'propose',
  'render',
  'vote',
  'list',
  'whoami',
  'upgrade',
  'verify',
  'llm-params',
] as const;
export type CommandName = (typeof COMMANDS)[number];
export type Network = 'local' | 'ic';

export interface CommonOptions {
  network: Network;
  host?: string;
  identity?: string;
  neuron?: string;
  governance?: string;
  canisters: { registry?: string; invitation?: string; queue?: string; llm?: string };
  envFile?: string;
  dryRun: boolean;
  title?: string;
  summary?: string;
  url?: string;
}

export interface NominateOptions {
  candidate?: string;
  name?: string;
  motivation?: string;
  hardware: { gpu: string; vram_gib: number; ram_gib: number; cpu_cores: number; region: string };
  models: string[];
  nomination?: bigint;
}

/** llm-params: what changes in the llm canister's params (the rest stays as the canister holds it). */
export interface LlmParamsChange {
  /** `--route NAME=WORKER_MODEL`: serve the LLM model name NAME with the queue model WORKER_MODEL. */
  routes: Array<{ name: string; worker_model: string }>;
  /** `--drop-route NAME`: the llm canister stops accepting NAME. */
  drop: string[];
  timeoutSeconds?: number;
  maxTokens?: number;
}

export interface ParsedCommand {
  command: CommandName;
  positionals: string[];
  common: CommonOptions;
  nominate: NominateOptions;
  payload?: string;
  /** upgrade: the Candid-encoded upgrade argument, hex. */
  argHex?: string;
  /** upgrade: the SNS governance the upgraded canister obeys from then on (principal text). */
  setGovernance?: string;
  limit: number;
  status?: string;
  llmParams: LlmParamsChange;
}

export const USAGE = `usage: npm run proposals -- <command> [options]

commands:
  functions                         the generic function manifest (id, name, topic, target, validator)
  register-functions                propose AddGenericNervousSystemFunction for each manifest function not registered yet
  nominate --candidate P --name T --motivation T --cpu-cores N --ram-gib N [--gpu T --vram-gib N --region T] [--model M]...
                                    invitation.nominate as the node provider, the admit proposal, then invitation.link_proposal
           --nomination ID          propose (and link) an existing open nomination instead of nominating
  propose <function> --payload JSON propose any manifest function, e.g. suspend-contributor --payload '{"contributor":"…","reason":"…"}'
  render <proposal-id>              a proposal's title, status, tally, validator rendering and decoded payload
  render <function> --payload JSON  ask the function's validator for its rendering (nothing is proposed)
  vote <proposal-id> yes|no         RegisterVote with the neuron
  list [--limit N] [--status open|adopted|rejected|executed|failed]
  whoami                            the identity's principal and its neurons
  upgrade <canister> [--set-governance P | --arg-hex HEX]
                                    build registry|invitation|queue|llm here, print its .wasm.gz sha256, propose
                                    UpgradeSnsControlledCanister; --set-governance points the canister at the SNS
                                    governance P (after a launch); HEX: any Candid upgrade argument
  verify <proposal-id>              rebuild here: does the upgrade proposal's module hash match this checkout's?
  llm-params [--route NAME=WORKER_MODEL]... [--drop-route NAME]... [--timeout-seconds N] [--max-tokens N]
                                    propose set-llm-params: the llm canister's current params with these changes

options:
  --network local|ic                local (default): http://127.0.0.1:4943, canister ids from .env (CANISTER_ID_<NAME>)
  --host URL                        replica URL (default per network; ic: https://icp-api.io)
  --identity PEM                    dfx identity export (PKCS#8 Ed25519); local default: the localnet dev neuron owner
  --neuron HEX                      the SNS neuron id (default: the identity's only neuron)
  --governance ID                   SNS governance canister id (required on ic; local: CANISTER_ID_SNS_GOVERNANCE)
  --registry ID --invitation ID --queue ID --llm ID   canister ids (default: env/.env CANISTER_ID_<NAME>)
  --env-file PATH                   the .env to read ids from (local; default ./.env)
  --title T --summary T --url U     the proposal's texts (defaults are generated)
  --dry-run                         print the exact proposal and payload (hex + Candid) without sending anything
  --help`;

/** A nat32 option (every count and size the CLI passes on is one). */
function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) >= 2 ** 32)
    throw new CliError(`--${name} must be a non-negative integer below 2^32, got "${value}"`);
  return Number(value);
}

function routeOption(text: string): { name: string; worker_model: string } {
  const m = /^([^=]+)=([^=]+)$/.exec(text);
  if (!m) throw new CliError(`--route must be NAME=WORKER_MODEL, e.g. llama3.1:8b=tiny-chat, got "${text}"`);
  return { name: m[1]!, worker_model: m[2]! };
}

/** The network and identity flags every Gatehouse CLI on this package takes (proposals, gatehouse-jobs). */
export const CONNECTION_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  network: { type: 'string', default: 'local' },
  host: { type: 'string' },
  identity: { type: 'string' },
  queue: { type: 'string' },
  'env-file': { type: 'string' },
} as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>
>['values'];

/**
 * The shell both CLIs of this package share: parse the options, 'help' for --help or no command, the command
 * checked against the CLI's list, --network checked; every mistake a one-line CliError.
 */
export function parseShell<O extends Options & typeof CONNECTION_OPTIONS, C extends string>(
  argv: string[],
  options: O,
  commands: readonly C[],
): 'help' | { command: C; rest: string[]; network: Network; values: Values<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const { values, positionals } = parsed;
  // Values<O> is opaque inside this generic function; these two options are in every O (CONNECTION_OPTIONS).
  const { help, network } = values as { help?: boolean; network?: string };
  if (help || positionals.length === 0) return 'help';
  const [command, ...rest] = positionals;
  if (!(commands as readonly string[]).includes(command!))
    throw new CliError(`unknown command "${command}"; commands: ${commands.join(', ')}`);
  if (network !== 'local' && network !== 'ic') throw new CliError(`--network must be local or ic, got "${network}"`);
  return { command: command as C, rest, network, values };
}

export function parseCommandLine(argv: string[]): ParsedCommand | 'help' {
  const parsed = parseShell(
    argv,
    {
      ...CONNECTION_OPTIONS,
      neuron: { type: 'string' },
      governance: { type: 'string' },
      registry: { type: 'string' },
      invitation: { type: 'string' },
      llm: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      title: { type: 'string' },
      summary: { type: 'string' },
      url: { type: 'string' },
      candidate: { type: 'string' },
      name: { type: 'string' },
      motivation: { type: 'string' },
      model: { type: 'string', multiple: true },
      gpu: { type: 'string', default: 'none' },
      'vram-gib': { type: 'string' },
      'ram-gib': { type: 'string' },
      'cpu-cores': { type: 'string' },
      region: { type: 'string', default: 'unspecified' },
      nomination: { type: 'string' },
      payload: { type: 'string' },
      'arg-hex': { type: 'string' },
      'set-governance': { type: 'string' },
      limit: { type: 'string' },
      status: { type: 'string' },
      route: { type: 'string', multiple: true },
      'drop-route': { type: 'string', multiple: true },
      'timeout-seconds': { type: 'string' },
      'max-tokens': { type: 'string' },
    },
    COMMANDS,
  );
  if (parsed === 'help') return 'help';
  const { command, rest, network, values: v } = parsed;
  if (v.neuron !== undefined && !/^([0-9a-f]{2})+$/i.test(v.neuron))
    throw new CliError(`--neuron must be the neuron id in hex, got "${v.neuron}"`);
  if (v['arg-hex'] !== undefined && v['set-governance'] !== undefined)
    throw new CliError('pass --arg-hex or --set-governance, not both');
  if (v.nomination !== undefined && !/^\d+$/.test(v.nomination))
    throw new CliError(`--nomination must be a nomination id, got "${v.nomination}"`);
  return {
    command,
    positionals: rest,
    common: {
      network,
      host: v.host,
      identity: v.identity,
      neuron: v.neuron?.toLowerCase(),
      governance: v.governance,
      canisters: { registry: v.registry, invitation: v.invitation, queue: v.queue, llm: v.llm },
      envFile: v['env-file'],
      dryRun: v['dry-run'],
      title: v.title,
      summary: v.summary,
      url: v.url,
    },
    nominate: {
      candidate: v.candidate,
      name: v.name,
      motivation: v.motivation,
      hardware: {
        gpu: v.gpu,
        vram_gib: integerOption('vram-gib', v['vram-gib']) ?? 0,
        ram_gib: integerOption('ram-gib', v['ram-gib']) ?? 0,
        cpu_cores: integerOption('cpu-cores', v['cpu-cores']) ?? 0,
        region: v.region,
      },
      models: v.model ?? [],
      nomination: v.nomination === undefined ? undefined : BigInt(v.nomination),
    },
    payload: v.payload,
    argHex: v['arg-hex'],
    setGovernance: v['set-governance'],
    limit: integerOption('limit', v.limit) ?? 20,
    status: v.status,
    llmParams: {
      routes: (v.route ?? []).map(routeOption),
      drop: v['drop-route'] ?? [],
      timeoutSeconds: integerOption('timeout-seconds', v['timeout-seconds']),
      maxTokens: integerOption('max-tokens', v['max-tokens']),
    },
  };
}
