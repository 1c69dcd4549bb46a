/** `start` once its models are loading (start-command.ts): connects, then serves jobs until a signal. */
import type { Identity } from '@icp-sdk/core/agent';

import { ConfigError } from '../config/errors.ts';
import type { StartConfig } from '../config/start-config.ts';
import { errorLine, eventLine, jobLine } from '../log/job-log.ts';
import { MetricsServer } from '../metrics/server.ts';
import { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { systemClock } from '../poller/clock.ts';
import { Poller } from '../poller/poller.ts';
import type { PollerEvents } from '../poller/types.ts';
import { AgentQueueClient } from '../queue/agent-client.ts';
import { WORKER_VERSION } from '../version.ts';
import { connectClient, connectionError, waitForNetwork } from './connection.ts';
import { modelExecutor } from './executor.ts';
import { readIdentity } from './identity-command.ts';
import type { LoadedModels } from './models.ts';
import { say, type Loading } from './start-command.ts';

async function connect(config: StartConfig, identity: Identity): Promise<AgentQueueClient> {
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

/**
 * Connects (agent, root key, the queue's params) while the models load: a restart serves sooner, since neither
 * waits for the other. Whichever fails first is reported at once as a ConfigError, and nothing stays half started:
 * a failed connection abandons the loading (its child killed, loaded models closed) rather than waiting for it.
 */
async function connectAndLoad(
  config: StartConfig,
  identity: Identity,
  loading: Loading,
): Promise<{ queue: AgentQueueClient; loaded: LoadedModels }> {
  const connecting = waitForNetwork(config.network, config.networkWaitMs)
    .then(() => connect(config, identity))
    .then((queue) => {
      say(
        eventLine('starting', {
          principal: identity.getPrincipal().toText(),
          network: config.network,
          queue: config.queueId,
          models: config.models.map((m) => m.name),
          version: WORKER_VERSION,
        }),
      );
      return queue;
    });
  try {
    const [queue, loaded] = await Promise.all([connecting, loading.loaded]);
    return { queue, loaded };
  } catch (error) {
    connecting.catch(() => undefined); // the other one's failure, if any, is not news
    await loading.abandon();
    throw error;
  }
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

export async function serve(config: StartConfig, loading: Loading): Promise<number> {
  let identity: Identity;
  try {
    identity = readIdentity(config.identityPath);
  } catch (error) {
    await loading.abandon();
    throw error;
  }
  const principal = identity.getPrincipal().toText();
  const { queue, loaded } = await connectAndLoad(config, identity, loading);

  const metrics = new WorkerMetrics();
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
