/** The registry's people and the queue's workers, with each worker's health from its last heartbeat. */
import type { Contributor, NodeProvider, RegistryEvent, WorkerStats } from '@gatehouse/clients';

import { queue, registry } from '../api/gatehouse.api.ts';
import { onlineWorkers } from '../utils/health.utils.ts';
import type { Ctx } from './context.ts';

const PAGE = { offset: 0n, limit: 100n };

export async function loadRegistry(ctx: Ctx): Promise<{
  nodeProviders: NodeProvider[];
  contributors: Contributor[];
  events: RegistryEvent[];
  eventsTotal: bigint;
}> {
  const r = await registry(ctx.config, ctx.identity);
  const [np, c, events] = await Promise.all([
    r.listNodeProviders({ page: PAGE }),
    r.listContributors({ page: PAGE }),
    r.listRecentEvents({ page: { offset: 0n, limit: 50n } }),
  ]);
  return { nodeProviders: np.items, contributors: c.items, events: events.items, eventsTotal: events.total };
}

/** The workers, how many are online as of this read, and the jobs waiting for one. */
export async function loadWorkers(
  ctx: Ctx,
): Promise<{ workers: WorkerStats[]; online: number; queued: bigint; models: string[] }> {
  const q = await queue(ctx.config, ctx.identity);
  const [{ items }, params] = await Promise.all([q.listRecentWorkers({ page: PAGE }), q.getParams()]);
  const queued = await q.queuedCount({ models: params.models });
  return { workers: items, online: onlineWorkers(items, Date.now()), queued, models: params.models };
}

/** The signed-in user's role in the registry by name (None, NodeProvider, Contributor, Worker); undefined signed out. */
export async function myRole(ctx: Ctx): Promise<string | undefined> {
  if (!ctx.signedIn) return undefined;
  const role = await (await registry(ctx.config, ctx.identity)).roleOf({ principal: ctx.identity.getPrincipal() });
  return Object.keys(role)[0];
}
