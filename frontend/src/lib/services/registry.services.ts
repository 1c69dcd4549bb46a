/** The registry's people and the queue's workers, with each worker's health from its last heartbeat. */
import type { Contributor, NodeProvider, RegistryEvent, WorkerStats } from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';

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

/** Who the signed-in user is in the registry, with what a contributor needs to see of themselves. */
export type Me =
  | { role: 'None' | 'NodeProvider' }
  | { role: 'Contributor'; contributor: Contributor; workers: WorkerStats[] }
  | { role: 'Worker'; contributor: Principal; active: boolean };

/**
 * The user's role; for a contributor their record and the queue's figures of each bound worker key (read one
 * by one: the registry bounds a contributor's keys, and the workers list may not reach them on a big network).
 * undefined when signed out.
 */
export async function loadMe(ctx: Ctx): Promise<Me | undefined> {
  if (!ctx.signedIn) return undefined;
  const me = ctx.identity.getPrincipal();
  const r = await registry(ctx.config, ctx.identity);
  const role = await r.roleOf({ principal: me });
  if ('NodeProvider' in role) return { role: 'NodeProvider' };
  if ('Worker' in role) return { role: 'Worker', ...role.Worker };
  const contributor = 'Contributor' in role ? await r.getContributor({ contributor: me }) : undefined;
  if (!contributor) return { role: 'None' };
  const q = await queue(ctx.config, ctx.identity);
  const found = await Promise.all(contributor.worker_keys.map((worker) => q.getWorker({ worker })));
  return { role: 'Contributor', contributor, workers: found.filter((w) => w !== undefined) };
}
