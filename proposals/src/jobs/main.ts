/**
 * gatehouse-jobs as a function (tests call it; cli.ts is the process entry): parse, connect, run one
 * command. Every failure is one line on `err`: exit code 2 for a usage mistake, 1 for anything else.
 */
import { resolveConfig, requireCanister } from '../config.ts';
import { CliError, toCliError } from '../errors.ts';
import { loadIdentity } from '../identity.ts';
import { JOBS_USAGE, parseJobsCommandLine, type JobsRequest } from './args.ts';
import { cancelJob, getJob, listJobs, submitJob, type JobsContext } from './commands.ts';
import { historyPath, JobHistory } from './history.ts';
import { connectQueue } from './queue-access.ts';

export interface JobsIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const COMMANDS = { submit: submitJob, get: getJob, list: listJobs, cancel: cancelJob } as const;

export async function runJobsCli(argv: string[], io: JobsIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const env = io.env ?? process.env;
  let request: JobsRequest | 'help';
  try {
    request = parseJobsCommandLine(argv);
  } catch (error) {
    err(`gatehouse-jobs: ${toCliError(error).message}`);
    return 2;
  }
  if (request === 'help') {
    out(JOBS_USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let host: string | undefined;
  try {
    const config = resolveConfig(request.common, env, io.cwd ?? process.cwd());
    host = config.host;
    const identity = loadIdentity(request.common.network, request.common.identity); // get_job shows a job to its submitter only
    const queue = requireCanister(config, 'queue');
    const context: JobsContext = {
      queue: await connectQueue({ host, fetchRootKey: config.fetchRootKey, identity, queue }),
      history: new JobHistory(historyPath(env), `${host} ${queue.toText()} ${identity.getPrincipal().toText()}`),
      out,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
    };
    await COMMANDS[request.command](request, context);
    return 0;
  } catch (error) {
    err(`gatehouse-jobs: ${toCliError(error, host === undefined ? {} : { host }).message}`);
    if (env.PROPOSALS_DEBUG && !(error instanceof CliError)) console.error(error);
    return 1;
  }
}
