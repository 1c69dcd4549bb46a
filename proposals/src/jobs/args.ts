/** `gatehouse-jobs` command line → a typed request. Pure; errors are one-line CliErrors. */
import type { Tool } from '@gatehouse/clients';

import { CONNECTION_OPTIONS, parseShell, type CommonOptions } from '../args.ts';
import { CliError } from '../errors.ts';

export const JOBS_USAGE = `usage: gatehouse-jobs <command> [options]      (npm run jobs -- …)

commands:
  submit --model NAME [--system TEXT] [--max-tokens N] [--temperature X] [--seed N] [--no-wait] [--timeout S]
         [--tool JSON]… "prompt"
                       queue a chat job; waits and prints the answer (--no-wait: prints the job id)
                       --tool '{"name":"get_weather","description":"…","parameters":{…JSON Schema…}}' offers the
                       model a function (repeatable); the calls it makes are printed, one per line, not run
  get <id>             the job's status, and its answer once completed
  list [--limit N]     the jobs this identity submitted from this machine, newest first
  cancel <id>          cancel a job that is still queued

options:
  --network local|ic   local (default): http://127.0.0.1:4943, the queue id from .env (CANISTER_ID_QUEUE)
  --host URL           replica URL (default per network; ic: https://icp-api.io)
  --identity PEM       dfx identity export (PKCS#8 Ed25519); local default: the localnet dev identity
  --queue ID           queue canister id (default: env/.env CANISTER_ID_QUEUE)
  --env-file PATH      the .env to read ids from (local; default ./.env)
  --help`;

export const JOB_COMMANDS = ['submit', 'get', 'list', 'cancel'] as const;
export type JobCommand = (typeof JOB_COMMANDS)[number];

export interface JobsRequest {
  command: JobCommand;
  common: CommonOptions;
  /** submit: the prompt; get/cancel: the job id */
  prompt?: string;
  id?: bigint;
  model?: string;
  system?: string;
  maxTokens: number;
  temperature?: number;
  seed?: number;
  tools?: Tool[];
  wait: boolean;
  timeoutSeconds: number;
  limit: number;
}

function integer(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new CliError(`--${name} must be an integer from 0 to ${max}, got "${text}"`);
  return Number(text);
}

function jobId(text: string | undefined, command: string): bigint {
  if (text === undefined) throw new CliError(`${command} needs a job id, e.g. gatehouse-jobs ${command} 7`);
  if (!/^\d{1,20}$/.test(text) || BigInt(text) >= 2n ** 64n) throw new CliError(`not a job id: "${text}"`);
  return BigInt(text);
}

/** `--tool` JSON as the queue's Tool: parameters stay JSON text (the queue checks it is an object). */
export function parseTool(text: string): Tool {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`--tool must be JSON, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value) || typeof value.name !== 'string')
    throw new CliError('--tool must be a JSON object with a "name" (and optional "description", "parameters")');
  const { name, description, parameters } = value;
  if (description !== undefined && typeof description !== 'string')
    throw new CliError(`--tool ${name}: "description" must be a string`);
  if (parameters !== undefined && !isObject(parameters))
    throw new CliError(`--tool ${name}: "parameters" must be a JSON Schema object`);
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(parameters === undefined ? {} : { parameters: JSON.stringify(parameters) }),
  };
}

export function parseJobsCommandLine(argv: string[]): JobsRequest | 'help' {
  const parsed = parseShell(
    argv,
    {
      ...CONNECTION_OPTIONS,
      model: { type: 'string' },
      system: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      seed: { type: 'string' },
      tool: { type: 'string', multiple: true },
      'no-wait': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      limit: { type: 'string' },
    },
    JOB_COMMANDS,
  );
  if (parsed === 'help') return 'help';
  const { command, rest, network, values: v } = parsed;
  const temperature = v.temperature === undefined ? undefined : Number(v.temperature);
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2))
    throw new CliError(`--temperature must be a number from 0 to 2, got "${v.temperature}"`);
  const request: JobsRequest = {
    command,
    common: {
      network,
      host: v.host,
      identity: v.identity,
      canisters: { queue: v.queue },
      envFile: v['env-file'],
      dryRun: false,
    },
    model: v.model,
    system: v.system,
    maxTokens: integer('max-tokens', v['max-tokens'], 256, 2 ** 32 - 1),
    ...(temperature === undefined ? {} : { temperature }),
    ...(v.seed === undefined ? {} : { seed: integer('seed', v.seed, 0, 2 ** 32 - 1) }),
    ...(v.tool === undefined ? {} : { tools: v.tool.map(parseTool) }),
    wait: !v['no-wait'],
    timeoutSeconds: integer('timeout', v.timeout, 600, 86_400),
    limit: integer('limit', v.limit, 20, 1_000),
  };
  if (request.command === 'submit') {
    if (!request.model) throw new CliError("submit needs --model NAME (one of the queue's models, e.g. tiny-chat)");
    if (rest.length !== 1 || rest[0]!.trim() === '')
      throw new CliError('submit needs exactly one prompt argument (quote it: "your question")');
    request.prompt = rest[0];
  } else if (request.command === 'get' || request.command === 'cancel') {
    request.id = jobId(rest[0], request.command);
    if (rest.length > 1) throw new CliError(`${request.command} takes one job id`);
  } else if (rest.length > 0) throw new CliError('list takes no arguments');
  return request;
}
