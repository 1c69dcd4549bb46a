/** The registry's people and the queue's workers, with each worker's health from its last heartbeat. */
import type { Contributor, NodeProvider, RegistryEvent, WorkerStats } from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';

import { queue, registry } from '../api/gatehouse.api.ts';
import { onlineWorkers } from '../utils/health.utils.ts';
import type { Ctx } from './context.ts';

const PAGE = { offset: 0n, limit: 100n };
/** Contributors and events a page at a time (both grow without a bound the dashboard could show at once). */
export const REGISTRY_PAGE = 50n;

/**
 * The node providers (a governance-made list, short: the first 100), a page of contributors from `contributors`
 * and a page of events newest first from `events`, each with its total.
 */
export async function loadRegistry(
  ctx: Ctx,
  at: { contributors: bigint; events: bigint },
): Promise<{
  nodeProviders: NodeProvider[];
  nodeProvidersTotal: bigint;
  contributors: Contributor[];
  contributorsTotal: bigint;
  events: RegistryEvent[];
  eventsTotal: bigint;
}> {
  const r = await registry(ctx.config, ctx.identity);
  const [np, c, events] = await Promise.all([
    r.listNodeProviders({ page: PAGE }),
    r.listContributors({ page: { offset: at.contributors, limit: REGISTRY_PAGE } }),
    r.listRecentEvents({ page: { offset: at.events, limit: REGISTRY_PAGE } }),
  ]);
  return {
    nodeProviders: np.items,
    nodeProvidersTotal: np.total,
    contributors: c.items,
    contributorsTotal: c.total,
    events: events.items,
    eventsTotal: events.total,
  };
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
