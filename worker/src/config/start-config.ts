import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.ts';
import { readDotEnv } from './dotenv.ts';

export interface ModelSpec {
  /** the name jobs ask for (the queue's model allowlist) */
  name: string;
  path: string;
}

export interface StartConfig {
  network: string;
  queueId: string;
  identityPath: string;
  models: ModelSpec[];
  concurrency: number;
  threads: number;
  contextSize: number;
  pollMinMs: number;
  pollMaxMs: number;
  /** undefined: no metrics server; 0: any free port */
  metricsPort: number | undefined;
  shutdownGraceMs: number;
  heartbeatMs: number;
  extendEveryMs: number;
  extendSeconds: number;
}

export const DEFAULT_NETWORK = 'http://127.0.0.1:4943';
export const DEFAULT_IDENTITY = resolve(homedir(), '.config/gatehouse/worker.pem');

/** option → [environment variable, default, description]; the one table behind parsing and --help */
export const START_OPTIONS = {
  network: ['GATEHOUSE_NETWORK', DEFAULT_NETWORK, 'IC HTTP API URL'],
  queue: ['GATEHOUSE_QUEUE', '$CANISTER_ID_QUEUE, else .env', 'queue canister id'],
  identity: ['GATEHOUSE_IDENTITY', DEFAULT_IDENTITY, 'worker key (PEM, from `identity new`)'],
  model: ['GATEHOUSE_MODELS', '', 'name=path.gguf, repeatable (env: comma-separated)'],
  concurrency: ['GATEHOUSE_CONCURRENCY', '1', 'jobs held at once (one context each)'],
  threads: ['GATEHOUSE_THREADS', '1', 'CPU threads per job; measure before raising'],
  context: ['GATEHOUSE_CONTEXT', '2048', 'tokens per job context'],
  'poll-min-ms': ['GATEHOUSE_POLL_MIN_MS', '250', 'first idle poll delay'],
  'poll-max-ms': ['GATEHOUSE_POLL_MAX_MS', '5000', 'longest idle poll delay'],
  'metrics-port': ['GATEHOUSE_METRICS_PORT', '9464', 'Prometheus /metrics on 127.0.0.1 (0: any free port, off: none)'],
  'shutdown-grace-ms': ['GATEHOUSE_SHUTDOWN_GRACE_MS', '30000', 'time in-flight jobs get at shutdown'],
  'heartbeat-ms': ['GATEHOUSE_HEARTBEAT_MS', '30000', 'heartbeat interval'],
  'extend-every-ms': ['GATEHOUSE_EXTEND_EVERY_MS', '20000', 'lease extension interval for running jobs'],
  'extend-seconds': ['GATEHOUSE_EXTEND_SECONDS', '60', 'each extension asks for this many seconds'],
} as const;

type OptionName = keyof typeof START_OPTIONS;

function integer(name: OptionName, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new ConfigError(`--${name} must be an integer in ${min}..${max}, got "${text}"`);
  return value;
}

function parseModels(specs: string[]): ModelSpec[] {
  const models = specs.map((spec) => {
    const at = spec.indexOf('=');
    const name = spec.slice(0, at).trim();
    const path = spec.slice(at + 1).trim();
    if (at <= 0 || !path) throw new ConfigError(`--model must be name=path.gguf, got "${spec}"`);
    if (Buffer.byteLength(name) > 64) throw new ConfigError(`model name "${name}" is longer than 64 bytes`);
    const full = resolve(path);
    if (!existsSync(full) || !statSync(full).isFile()) throw new ConfigError(`model file not found: ${full}`);
    return { name, path: full };
  });
  if (models.length === 0) throw new ConfigError('no model: pass --model name=path.gguf (or GATEHOUSE_MODELS)');
  const names = models.map((m) => m.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new ConfigError(`model "${twice}" is given twice`);
  return models;
}

/** `start`'s options from argv, then environment, then defaults. Throws ConfigError. */
export function parseStartConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): StartConfig {
  const options = Object.fromEntries(
    Object.keys(START_OPTIONS).map((k) => [k, { type: 'string' as const, ...(k === 'model' ? { multiple: true as const } : {}) }]),
  );
  let values: Record<string, string | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  const get = (name: OptionName): string | undefined => {
    const given = values[name];
    if (typeof given === 'string') return given;
    const fromEnv = env[START_OPTIONS[name][0]];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const num = (name: OptionName, min: number, max: number) => integer(name, get(name) ?? START_OPTIONS[name][1], min, max);

  const queueId = get('queue') ?? env.CANISTER_ID_QUEUE ?? readDotEnv(cwd, 'CANISTER_ID_QUEUE');
  if (!queueId) throw new ConfigError('no queue canister id: pass --queue, or set CANISTER_ID_QUEUE (dfx writes it to .env)');
  const network = get('network') ?? DEFAULT_NETWORK;
  if (!/^https?:\/\/[^/\s]+/.test(network)) throw new ConfigError(`--network must be an http(s) URL, got "${network}"`);
  const identityPath = resolve(get('identity') ?? DEFAULT_IDENTITY);
  const modelArgs = Array.isArray(values.model) ? values.model : (get('model')?.split(',') ?? []);
  const metrics = get('metrics-port') ?? START_OPTIONS['metrics-port'][1];
  const config: StartConfig = {
    network: network.replace(/\/+$/, ''),
    queueId,
    identityPath,
    models: parseModels(modelArgs.filter((m) => m.trim() !== '')),
    concurrency: num('concurrency', 1, 64),
    threads: num('threads', 1, 256),
    contextSize: num('context', 64, 1 << 20),
    pollMinMs: num('poll-min-ms', 1, 3_600_000),
    pollMaxMs: num('poll-max-ms', 1, 3_600_000),
    metricsPort: metrics === 'off' ? undefined : integer('metrics-port', metrics, 0, 65_535),
    shutdownGraceMs: num('shutdown-grace-ms', 0, 3_600_000),
    heartbeatMs: num('heartbeat-ms', 100, 3_600_000),
    extendEveryMs: num('extend-every-ms', 100, 3_600_000),
    extendSeconds: num('extend-seconds', 1, 86_400),
  };
  if (config.pollMaxMs < config.pollMinMs) throw new ConfigError('--poll-max-ms must be at least --poll-min-ms');
  return config;
}
