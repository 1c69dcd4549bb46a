/**
 * Pollers with null inference in one process, for the queue throughput part of bench-worker.ts: outside the
 * bench's process, so their agents' work (signing, certificate checks) does not share localnet's thread.
 *   tsx worker/scripts/null-workers.ts --host URL --queue ID --jobs N --key A.pem [--key B.pem …]
 * Prints `{"event":"ready"}` when its pollers start, `{"event":"done","jobs":N,"ms":…}` once its pollers have completed N jobs (ms from their start), then
 * stops them and exits.
 */
import { parseArgs } from 'node:util';

import { readIdentity } from '../src/cli/identity-command.ts';
import { systemClock } from '../src/poller/clock.ts';
import { Poller } from '../src/poller/poller.ts';
import { DEFAULT_POLLER_OPTIONS } from '../src/poller/types.ts';
import { AgentQueueClient } from '../src/queue/agent-client.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    queue: { type: 'string' },
    jobs: { type: 'string' },
    key: { type: 'string', multiple: true },
  },
});
const target = Number(values.jobs);
let completed = 0;
let finish = (): void => undefined;
const done = new Promise<void>((resolve) => (finish = resolve));

const pollers = await Promise.all(
  (values.key ?? []).map(async (path) => {
    const queue = await AgentQueueClient.connect({
      host: values.host!,
      canisterId: values.queue!,
      identity: readIdentity(path),
      fetchRootKey: true,
    });
    return new Poller(
      { ...DEFAULT_POLLER_OPTIONS, models: ['tiny-chat'], version: 'bench', concurrency: 1 },
      {
        queue,
        clock: systemClock,
        random: Math.random,
        execute: async () => ({ ok: true, text: '', tokensIn: 1, tokensOut: 1, ms: 1, stopReason: 'max-tokens' }),
        events: {
          job: (r) => {
            if (r.outcome === 'completed' && ++completed === target) finish();
          },
        },
      },
    );
  }),
);
console.log(JSON.stringify({ event: 'ready', pollers: pollers.length }));
const start = performance.now();
const runs = pollers.map((p) => p.run());
await done;
console.log(JSON.stringify({ event: 'done', jobs: target, ms: performance.now() - start }));
await Promise.all(pollers.map((p) => p.stop(0)));
await Promise.all(runs);
