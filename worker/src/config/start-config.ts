import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors.ts';
import {
  canisterId,
  DEFAULT_IDENTITY,
  DEFAULT_NETWORK,
  IDENTITY_OPTION,
  NETWORK_OPTION,
  networkUrl,
  parseOptions,
  type OptionTable,
} from './options.ts';

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
  idlePollMs: number;
  maxPrefetch: number;
  pollMinMs: number;
  pollMaxMs: number;
  /** undefined: no metrics server; 0: any free port */
  metricsPort: number | undefined;
  /** how long start waits for the network to answer before connecting (0: not at all) */
  networkWaitMs: number;
  shutdownGraceMs: number;
  heartbeatMs: number;
  extendEveryMs: number;
  extendSeconds: number;
}

export { DEFAULT_IDENTITY, DEFAULT_NETWORK };

/** option → [environment variable, default, description]; the one table behind parsing and --help */
export const START_OPTIONS = {
  network: NETWORK_OPTION,
  queue: ['GATEHOUSE_QUEUE', '$CANISTER_ID_QUEUE, else .env', 'queue canister id'],
  identity: IDENTITY_OPTION,
  model: ['GATEHOUSE_MODELS', '', 'name=path.gguf, repeatable (env: comma-separated)'],
  concurrency: ['GATEHOUSE_CONCURRENCY', '1', 'jobs held at once (one context each)'],
  threads: ['GATEHOUSE_THREADS', '1', 'CPU threads per job; measure before raising'],
  context: ['GATEHOUSE_CONTEXT', '2048', 'tokens per job context'],
  'idle-poll-ms': ['GATEHOUSE_IDLE_POLL_MS', '100', 'while idle, ask the queued_count query this often'],
  prefetch: ['GATEHOUSE_PREFETCH', '4', 'most leases held beyond --concurrency (adapts to call latency)'],
  'poll-min-ms': ['GATEHOUSE_POLL_MIN_MS', '250', 'first retry delay after a failed call'],
  'poll-max-ms': ['GATEHOUSE_POLL_MAX_MS', '5000', 'longest retry delay after failed calls'],
  'network-wait-ms': [
    'GATEHOUSE_NETWORK_WAIT_MS',
    '0',
    'wait this long for a network that does not answer yet (the model loads meanwhile)',
  ],
  'metrics-port': ['GATEHOUSE_METRICS_PORT', '9464', 'Prometheus /metrics on 127.0.0.1 (0: any free port, off: none)'],
  'shutdown-grace-ms': ['GATEHOUSE_SHUTDOWN_GRACE_MS', '30000', 'time in-flight jobs get at shutdown'],
  'heartbeat-ms': ['GATEHOUSE_HEARTBEAT_MS', '30000', 'heartbeat interval'],
  'extend-every-ms': ['GATEHOUSE_EXTEND_EVERY_MS', '20000', 'lease extension interval for running jobs'],
  'extend-seconds': ['GATEHOUSE_EXTEND_SECONDS', '60', 'each extension asks for this many seconds'],
} as const satisfies OptionTable;

type OptionName = keyof typeof START_OPTIONS;

function integer(name: OptionName, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new ConfigError(`--${name} must be an integer in ${min}..${max}, got "${text}"`);
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
  const { get, all } = parseOptions(START_OPTIONS, argv, env, { multiple: ['model'] });
  const num = (name: OptionName, min: number, max: number) =>
    integer(name, get(name) ?? START_OPTIONS[name][1], min, max);

  const queueId = canisterId(get('queue'), 'queue', env, cwd);
  const network = networkUrl(get('network'));
  const identityPath = resolve(get('identity') ?? DEFAULT_IDENTITY);
  const modelArgs = all('model') ?? get('model')?.split(',') ?? [];
  const metrics = get('metrics-port') ?? START_OPTIONS['metrics-port'][1];
  const config: StartConfig = {
    network,
    queueId,
    identityPath,
    models: parseModels(modelArgs.filter((m) => m.trim() !== '')),
    concurrency: num('concurrency', 1, 64),
    threads: num('threads', 1, 256),
    contextSize: num('context', 64, 1 << 20),
    idlePollMs: num('idle-poll-ms', 10, 3_600_000),
    maxPrefetch: num('prefetch', 0, 64),
    pollMinMs: num('poll-min-ms', 1, 3_600_000),
    pollMaxMs: num('poll-max-ms', 1, 3_600_000),
    metricsPort: metrics === 'off' ? undefined : integer('metrics-port', metrics, 0, 65_535),
    networkWaitMs: num('network-wait-ms', 0, 600_000),
    shutdownGraceMs: num('shutdown-grace-ms', 0, 3_600_000),
    heartbeatMs: num('heartbeat-ms', 100, 3_600_000),
    extendEveryMs: num('extend-every-ms', 100, 3_600_000),
    extendSeconds: num('extend-seconds', 1, 86_400),
  };
  if (config.pollMaxMs < config.pollMinMs) throw new ConfigError('--poll-max-ms must be at least --poll-min-ms');
  return config;
}
