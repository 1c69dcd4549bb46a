import { ConfigError } from '../config/errors.ts';
import { optionHelp } from '../config/options.ts';
import { parseStartConfig, START_OPTIONS, type StartConfig } from '../config/start-config.ts';
import { ModelLoadError } from '../inference/index.ts';
import { errorLine, eventLine, jobLine } from '../log/job-log.ts';
import { MetricsServer } from '../metrics/server.ts';
import { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { systemClock } from '../poller/clock.ts';
import { Poller } from '../poller/poller.ts';
import type { PollerEvents } from '../poller/types.ts';
import { AgentQueueClient } from '../queue/agent-client.ts';
import { WORKER_VERSION } from '../version.ts';
import { connectClient, connectionError } from './connection.ts';
import { modelExecutor } from './executor.ts';
import { readIdentity } from './identity-command.ts';
import { loadModels } from './models.ts';

export const START_HELP = `usage: gatehouse-worker start --model NAME=FILE.gguf [--model ...] [options]
Serves jobs of the queue canister with the given models until SIGINT/SIGTERM (a second signal releases
in-flight jobs at once). One JSON line per job on stdout.
options (environment variable, default):
${optionHelp(START_OPTIONS)}`;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function connect(config: StartConfig): Promise<AgentQueueClient> {
  const identity = readIdentity(config.identityPath);
  const client = await connectClient(AgentQueueClient.connect, {
    network: config.network,
    canisterId: config.queueId,
    identity,
  });
  let models: string[];
  try {
    models = (await client.params()).models;
  } catch (error) {
    throw connectionError(error, config.network, `cannot read the queue canister ${config.queueId}`);
  }
  const unknown = config.models.find((m) => !models.includes(m.name));
  if (unknown)
    throw new ConfigError(
      `unknown model name "${unknown.name}": the queue serves ${models.map((m) => `"${m}"`).join(', ')}`,
    );
  return client;
}

/** Logs and metrics for the poller's events; warns once per streak when the key is not an active worker. */
function pollerEvents(metrics: WorkerMetrics, principal: string): PollerEvents {
  const counted = metrics.events();
  let inactive = false;
  return {
    ...counted,
    job: (report) => {
      counted.job(report);
      say(jobLine(report));
    },
    leased: (n) => {
      counted.leased(n);
      inactive = false;
    },
    error: (call, error) => {
      counted.error(call, error);
      if (error.kind === 'unauthorized' && (call === 'lease' || call === 'heartbeat')) {
        if (!inactive)
          say(
            eventLine('not-active', {
              principal,
              hint: 'bind this key with `keys bind` (the contributor offers, this key accepts), or the contributor is suspended',
            }),
          );
        inactive = true;
        return;
      }
      say(errorLine(call, error));
    },
  };
}

export async function startCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    say(START_HELP);
    return 0;
  }
  const config = parseStartConfig(argv, process.env, process.cwd());
  const principal = readIdentity(config.identityPath).getPrincipal().toText();
  const queue = await connect(config);
  say(
    eventLine('starting', {
      principal,
      network: config.network,
      queue: config.queueId,
      models: config.models.map((m) => m.name),
      version: WORKER_VERSION,
    }),
  );

  const metrics = new WorkerMetrics();
  let loaded;
  try {
    loaded = await loadModels(config.models, {
      threads: config.threads,
      contextSize: config.contextSize,
      slots: config.concurrency,
      onLoaded: (name, ms, bytes) => say(eventLine('model-loaded', { model: name, ms, bytes })),
    });
  } catch (error) {
    if (error instanceof ModelLoadError) throw new ConfigError(error.message);
    throw error;
  }
  metrics.modelsLoaded.set(loaded.hosts.size);
  let server: MetricsServer | undefined;
  if (config.metricsPort !== undefined) {
    try {
      server = await MetricsServer.start(config.metricsPort, () => metrics.registry.render());
    } catch (error) {
      await loaded.close();
      throw new ConfigError(error instanceof Error ? error.message : String(error));
    }
    say(eventLine('metrics', { url: `http://127.0.0.1:${server.port}/metrics` }));
  }

  const poller = new Poller(
    {
      models: config.models.map((m) => m.name),
      version: WORKER_VERSION,
      concurrency: config.concurrency,
      idlePollMs: config.idlePollMs,
      maxPrefetch: config.maxPrefetch,
      pollMinMs: config.pollMinMs,
      pollMaxMs: config.pollMaxMs,
      heartbeatMs: config.heartbeatMs,
      extendEveryMs: config.extendEveryMs,
      extendSeconds: config.extendSeconds,
      shutdownGraceMs: config.shutdownGraceMs,
      retryAttempts: 5,
      retryBaseMs: 200,
      retryMaxMs: 5_000,
    },
    {
      queue,
      clock: systemClock,
      random: Math.random,
      execute: modelExecutor(loaded.hosts),
      events: pollerEvents(metrics, principal),
    },
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    say(
      eventLine('stopping', {
        signal,
        in_flight: poller.inFlight,
        release: signals > 1 ? 'now' : `after ${config.shutdownGraceMs} ms`,
      }),
    );
    void poller.stop(signals > 1 ? 0 : undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  say(eventLine('ready', { concurrency: config.concurrency, threads: config.threads }));
  await poller.run();
  await loaded.close();
  await server?.close();
  say(eventLine('stopped'));
  return 0;
}
