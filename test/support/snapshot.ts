import type { Gatehouse } from './deploy.ts';
import type { CanisterName } from './wasm.ts';

type PageResult<T> = { Ok: { items: T[]; total: bigint } } | { Err: unknown };
type Paged<T> = (page: { offset: bigint; limit: bigint }) => Promise<PageResult<T>>;

/** The page of a listing's reply; a refused request fails the test. */
export function pageOf<T>(reply: PageResult<T>): { items: T[]; total: bigint } {
  if ('Err' in reply) throw new Error(`listing refused: ${JSON.stringify(reply.Err)}`);
  return reply.Ok;
}

async function all<T>(list: Paged<T>): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = pageOf(await list({ offset: BigInt(items.length), limit: 100n }));
    items.push(...page.items);
    if (page.items.length === 0 || BigInt(items.length) >= page.total) return items;
  }
}

const TAIL = 5n;

/** What each canister's queries show. The event log is append-only: its count and tail stand for it. */
const views = {
  registry: async (g: Gatehouse) => {
    const r = g.registry();
    const stats = await r.stats();
    const from = stats.events > TAIL ? stats.events - TAIL : 0n;
    return {
      stats,
      params: await r.get_params(),
      contributors: await all(r.list_contributors),
      nodeProviders: await all(r.list_node_providers),
      eventsTail: pageOf(await r.list_events({ offset: from, limit: TAIL })).items,
      outbox: await all(r.list_membership_outbox),
    };
  },
  invitation: async (g: Gatehouse) => {
    const i = g.invitation();
    return {
      stats: await i.stats(),
      params: await i.get_params(),
      nominations: await all((page) => i.list_nominations({ page, status: [], nominator: [] })),
    };
  },
  queue: async (g: Gatehouse) => {
    const q = g.queue();
    return { metrics: await q.metrics(), params: await q.get_params(), workers: await all(q.list_workers) };
  },
};

export type Snapshot = Partial<{ [K in CanisterName]: Awaited<ReturnType<(typeof views)[K]>> }>;

/** The chosen canisters' query views (default: all three): equal snapshots mean no observable change. */
export async function snapshot(
  g: Gatehouse,
  canisters: CanisterName[] = ['registry', 'invitation', 'queue'],
): Promise<Snapshot> {
  const out: Record<string, unknown> = {};
  for (const name of canisters) out[name] = await views[name](g);
  return out as Snapshot;
}

/**
 * Canisters whose state a message to `target` can reach: the invitation canister calls the
 * registry, the registry pushes to the queue, the queue calls no one.
 */
export const REACH: Record<CanisterName, CanisterName[]> = {
  invitation: ['invitation', 'registry', 'queue'],
  registry: ['registry', 'queue'],
  queue: ['queue'],
};
