/**
 * The playground: submit a chat job, follow it until it ends, remember the user's jobs in this browser (the
 * queue answers get_job to the submitter but has no "my jobs" query).
 */
import type { Job } from '@gatehouse/clients';

import { queue } from '../api/gatehouse.api.ts';
import type { Ctx } from './context.ts';

const MAX_REMEMBERED = 50;
const key = (ctx: Ctx) => `gatehouse-jobs-${ctx.identity.getPrincipal().toText()}`;

export function rememberedJobs(ctx: Ctx): bigint[] {
  try {
    const ids = JSON.parse(localStorage.getItem(key(ctx)) ?? '[]') as string[];
    return ids.map((id) => BigInt(id));
  } catch {
    return [];
  }
}

function remember(ctx: Ctx, id: bigint): void {
  const ids = [id, ...rememberedJobs(ctx).filter((j) => j !== id)].slice(0, MAX_REMEMBERED);
  localStorage.setItem(key(ctx), JSON.stringify(ids.map(String)));
}

export async function models(ctx: Ctx): Promise<string[]> {
  return (await (await queue(ctx.config, ctx.identity)).getParams()).models;
}

export async function submitChat(ctx: Ctx, o: { model: string; prompt: string; maxTokens: number }): Promise<bigint> {
  const id = await (
    await queue(ctx.config, ctx.identity)
  ).submit({
    model: o.model,
    messages: [{ role: { User: null }, content: o.prompt }],
    max_tokens: o.maxTokens,
  });
  remember(ctx, id);
  return id;
}

export async function getJob(ctx: Ctx, id: bigint): Promise<Job> {
  return (await queue(ctx.config, ctx.identity)).getJob({ jobId: id });
}

export async function cancelJob(ctx: Ctx, id: bigint): Promise<void> {
  await (await queue(ctx.config, ctx.identity)).cancel({ jobId: id });
}

export const jobStatus = (job: Job) =>
  Object.keys(job.status)[0] as 'Queued' | 'Leased' | 'Completed' | 'Failed' | 'Cancelled' | 'Expired';
export const isFinal = (job: Job) => !['Queued', 'Leased'].includes(jobStatus(job));
