/**
 * Gatehouse SNS proposals from the command line: `npm run proposals -- <command> [options]` (see --help).
 * One line on stderr and exit code 1 on any failure; PROPOSALS_DEBUG=1 adds the stack.
 */
import { runCli } from './main.ts';

// `… | head` closes stdout early: that is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
