import { ConfigError } from '../config/errors.ts';
import { optionHelp } from '../config/options.ts';
import { parseStartConfig, START_OPTIONS, type StartConfig } from '../config/start-config.ts';
import { ModelLoadError } from '../inference/index.ts';
import { eventLine } from '../log/job-log.ts';
import { loadModels, type LoadedModels } from './models.ts';

export const START_HELP = `usage: gatehouse-worker start --model NAME=FILE.gguf [--model ...] [options]
Serves jobs of the queue canister with the given models until SIGINT/SIGTERM (a second signal releases
in-flight jobs at once). One JSON line per job on stdout.
options (environment variable, default):
${optionHelp(START_OPTIONS)}`;

export const say = (line: string) => process.stdout.write(`${line}\n`);

/** The models loading (one inference child each); `abandon` kills the loading and closes what it loaded. */
export interface Loading {
  loaded: Promise<LoadedModels>;
  abandon(): Promise<void>;
}

function beginLoading(config: StartConfig): Loading {
  const abort = new AbortController();
  const loaded = loadModels(config.models, {
    threads: config.threads,
    contextSize: config.contextSize,
    slots: config.concurrency,
    signal: abort.signal,
    onLoaded: (name, ms, bytes) => say(eventLine('model-loaded', { model: name, ms, bytes })),
  }).catch((error: unknown) => {
    throw error instanceof ModelLoadError ? new ConfigError(error.message) : error;
  });
  // Awaited once the serving modules are loaded; a failure before then must not count as unhandled meanwhile.
  loaded.catch(() => undefined);
  return {
    loaded,
    abandon: async () => {
      abort.abort();
      await loaded.then(
        (models) => models.close(),
        () => undefined,
      );
    },
  };
}

/**
 * Parses the options, starts loading the models, and only then loads what serves them (start-serve.ts: the agent,
 * the poller, a few hundred ms of module loading), so that the inference child's own start (node-llama-cpp and the
 * check of its binary, most of a small model's load) overlaps it. A bad option forks nothing.
 */
export async function startCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    say(START_HELP);
    return 0;
  }
  const config = parseStartConfig(argv, process.env, process.cwd());
  const loading = beginLoading(config);
  let serve: typeof import('./start-serve.ts').serve;
  try {
    ({ serve } = await import('./start-serve.ts'));
  } catch (error) {
    await loading.abandon();
    throw error;
  }
  return serve(config, loading);
}
