/** The jobs commands over a JobsQueue; every line they print is terminal-safe. */
import { GatehouseCanisterError, sanitize } from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import type { JobsRequest } from './args.ts';
import type { JobHistory } from './history.ts';
import type { Job, JobsQueue, SubmitParams } from './queue-access.ts';

export interface JobsContext {
  queue: JobsQueue;
  history: JobHistory;
  out: (line: string) => void;
  /** waits between get_job polls while `submit` waits (a query: cheap for the canister) */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

const POLL_MS = 250;

const statusName = (job: Job) => Object.keys(job.status)[0]!;

/** `job 7: Completed (tiny-chat, 12 tokens in, 8 out, worker abc…)`, one line. */
export function statusLine(job: Job): string {
  const s = job.status;
  const head = `job ${job.id}: ${statusName(job)} (${sanitize(job.model)}`;
  if ('Completed' in s)
    return `${head}, ${s.Completed.tokens_in} tokens in, ${s.Completed.tokens_out} out, worker ${s.Completed.worker.toText()})`;
  if ('Failed' in s)
    return `${head}, after ${s.Failed.attempts} attempt${s.Failed.attempts === 1 ? '' : 's'}: ${sanitize(s.Failed.reason)})`;
  return `${head}, ${job.attempts} attempt${job.attempts === 1 ? '' : 's'} so far)`;
}

const finished = (job: Job) => !('Queued' in job.status) && !('Leased' in job.status);

export async function submitJob(r: JobsRequest, c: JobsContext): Promise<void> {
  const params: SubmitParams = {
    model: r.model!,
    messages: [
      ...(r.system === undefined ? [] : [{ role: { System: null }, content: r.system }]),
      { role: { User: null }, content: r.prompt! },
    ],
    max_tokens: r.maxTokens,
    ...(r.temperature === undefined ? {} : { temperature: r.temperature }),
    ...(r.seed === undefined ? {} : { seed: r.seed }),
    ...(r.tools === undefined ? {} : { tools: r.tools }),
  };
  const id = await c.queue.submit(params);
  c.history.add(id, r.model!);
  if (!r.wait) return c.out(id.toString());
  const until = c.now() + r.timeoutSeconds * 1000;
  for (;;) {
    const job = await c.queue.job(id);
    if (finished(job)) return printAnswer(job, c);
    if (c.now() >= until)
      throw new CliError(
        `job ${id} is still ${statusName(job)} after ${r.timeoutSeconds} s; see it later with: gatehouse-jobs get ${id}`,
      );
    await c.sleep(POLL_MS);
  }
}

/** The model's tool calls, one line each: `tool call <id>: <name> <arguments JSON>` (for the caller to run). */
export function toolCallLines(job: Job): string[] {
  if (!('Completed' in job.status)) return [];
  const [calls = []] = job.status.Completed.tool_calls;
  return calls.map((call) => sanitize(`tool call ${call.id}: ${call.name} ${call.arguments}`));
}

/** The answer (text, then any tool calls) on stdout; a job that did not complete is a one-line error. */
function printAnswer(job: Job, c: JobsContext): void {
  if (!('Completed' in job.status)) throw new CliError(statusLine(job));
  const { output } = job.status.Completed;
  if (output !== '' || toolCallLines(job).length === 0) c.out(sanitize(output, { multiline: true }));
  for (const line of toolCallLines(job)) c.out(line);
}

export async function getJob(r: JobsRequest, c: JobsContext): Promise<void> {
  const job = await c.queue.job(r.id!);
  c.out(statusLine(job));
  if ('Completed' in job.status) printAnswer(job, c);
}

export async function listJobs(r: JobsRequest, c: JobsContext): Promise<void> {
  const ids = c.history.ids(r.limit);
  if (ids.length === 0) return c.out('no jobs submitted from here with this identity (gatehouse-jobs submit …)');
  for (const id of ids) {
    try {
      c.out(statusLine(await c.queue.job(id)));
    } catch (error) {
      if (!(error instanceof GatehouseCanisterError) || error.kind !== 'NotFound') throw error;
      c.out(`job ${id}: gone (pruned by the queue after its retention period)`);
    }
  }
}

export async function cancelJob(r: JobsRequest, c: JobsContext): Promise<void> {
  await c.queue.cancel(r.id!);
  c.out(`cancelled job ${r.id}`);
}
