#!/usr/bin/env -S npx tsx
/** gatehouse-jobs: submit chat jobs to the Gatehouse queue and read their answers (`--help`). */
import { runJobsCli } from './main.ts';

// `… | head` closes stdout early: that is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runJobsCli(process.argv.slice(2));
