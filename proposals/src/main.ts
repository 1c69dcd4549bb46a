/**
 * The CLI as a function (tests call it; cli.ts is the process entry): parse, connect, run one command.
 * Every failure is one line on `err` and a non-zero exit code.
 */
import { parseCommandLine, USAGE, type ParsedCommand } from './args.ts';
import { list } from './commands/list.ts';
import { llmParams } from './commands/llm-params.ts';
import { functionsTable, whoami } from './commands/info.ts';
import { nominate } from './commands/nominate.ts';
import { propose } from './commands/propose.ts';
import { registerFunctions } from './commands/register-functions.ts';
import { renderPayload, renderProposal } from './commands/render.ts';
import { upgrade } from './commands/upgrade.ts';
import { verify } from './commands/verify.ts';
import { vote } from './commands/vote.ts';
import { resolveConfig } from './config.ts';
import { CliError, toCliError } from './errors.ts';
import { loadIdentity } from './identity.ts';
import { Session } from './session.ts';

const READ_ONLY = new Set<string>(['functions', 'list', 'render', 'verify']);

export interface CliIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export function sessionFor(parsed: ParsedCommand, io: CliIo = {}): Session {
  const { common } = parsed;
  return new Session({
    config: resolveConfig(common, io.env ?? process.env, io.cwd ?? process.cwd()),
    identity: () => loadIdentity(common.network, common.identity, !READ_ONLY.has(parsed.command), io.cwd),
    neuron: common.neuron,
    dryRun: common.dryRun,
    out: io.out,
  });
}

export async function runCommand(parsed: ParsedCommand, session: Session): Promise<void> {
  const [first, second] = parsed.positionals;
  const text = { title: parsed.common.title, summary: parsed.common.summary, url: parsed.common.url };
  switch (parsed.command) {
    case 'functions':
      return functionsTable(session.out);
    case 'register-functions':
      return void (await registerFunctions(session));
    case 'nominate':
      return void (await nominate(session, parsed.nominate, text));
    case 'propose':
      return void (await propose(session, first, parsed.payload, text));
    case 'render':
      if (first !== undefined && /^\d+$/.test(first) && parsed.payload === undefined)
        return void (await renderProposal(session, first));
      return void (await renderPayload(session, first, parsed.payload));
    case 'vote':
      return vote(session, first, second);
    case 'list':
      return void (await list(session, { limit: parsed.limit, status: parsed.status }));
    case 'whoami':
      return whoami(session);
    case 'upgrade':
      return void (await upgrade(
        session,
        process.cwd(),
        first,
        { argHex: parsed.argHex, setGovernance: parsed.setGovernance },
        text,
      ));
    case 'verify':
      return verify(session, process.cwd(), first);
    case 'llm-params':
      return void (await llmParams(session, parsed.llmParams, text));
  }
}

export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  let host: string | undefined;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      out(USAGE);
      return 0;
    }
    const session = sessionFor(parsed, { ...io, out });
    host = session.config.host;
    await runCommand(parsed, session);
    return 0;
  } catch (error) {
    const e = toCliError(error, { host });
    err(`proposals: ${e.message}`);
    if (!(error instanceof CliError) && process.env.PROPOSALS_DEBUG) err(String((error as Error).stack));
    return 1;
  }
}
