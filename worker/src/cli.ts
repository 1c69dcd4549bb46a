#!/usr/bin/env node
/**
 * gatehouse-worker: serves Gatehouse queue jobs with node-llama-cpp.
 *   gatehouse-worker identity new|show [--identity FILE]
 *   gatehouse-worker keys bind|unbind --contributor FILE [--identity FILE | --worker P]; keys list
 *   gatehouse-worker start --model NAME=FILE.gguf [options]   (start --help lists them)
 *   gatehouse-worker bench [options]
 */
import { CommandError, ConfigError } from './config/errors.ts';
import { WORKER_VERSION } from './version.ts';

const HELP = `${WORKER_VERSION}: serve Gatehouse queue jobs with node-llama-cpp
usage: gatehouse-worker <command> [options]
  identity new|show   create or show the worker key (Ed25519 PEM, dfx-compatible); prints its principal
  keys bind|unbind|list  the contributor binds / unbinds worker keys in the registry (keys --help)
  start               lease and run jobs (start --help for options)
  bench               raw node-llama-cpp vs the worker pipeline on localnet (npm run bench:worker)
  --help, --version`;

/** Each command's modules load when it runs: `start` begins loading its models before it loads the agent's. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(HELP);
      return command === undefined ? 1 : 0;
    case '--version':
      console.log(WORKER_VERSION);
      return 0;
    case 'identity': {
      const { identityCommand } = await import('./cli/identity-command.ts');
      return identityCommand(rest, process.env, (line) => console.log(line));
    }
    case 'keys': {
      const { keysCommand } = await import('./cli/keys-command.ts');
      return keysCommand(rest, process.env, process.cwd(), (line) => console.log(line));
    }
    case 'start': {
      const { startCommand } = await import('./cli/start-command.ts');
      return startCommand(rest);
    }
    case 'bench': {
      const { benchCommand } = await import('./cli/bench-command.ts');
      return benchCommand(rest);
    }
    default:
      throw new ConfigError(`unknown command "${command}" (try --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CommandError) {
      console.error(`gatehouse-worker: ${error.message}`);
      process.exit(error.exitCode);
    }
    console.error(`gatehouse-worker: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.GATEHOUSE_DEBUG) console.error(error);
    process.exit(1);
  },
);
