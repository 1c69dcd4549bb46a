import type { Gatehouse } from './deploy.ts';

type Paged<T> = (page: { offset: bigint; limit: bigint }) => Promise<{ items: T[]; total: bigint }>;

async function all<T>(list: Paged<T>): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await list({ offset: BigInt(items.length), limit: 100n });
    items.push(...page.items);
    if (page.items.length === 0 || BigInt(items.length) >= page.total) return items;
  }
}

/** Everything the three canisters' queries show: equal snapshots mean no observable change. */
export async function snapshot(g: Gatehouse) {
  const registry = g.registry();
  const invitation = g.invitation();
  const queue = g.queue();
  return {
    registry: {
      stats: await registry.stats(),
      params: await registry.get_params(),
      config: await registry.get_config(),
      contributors: await all(registry.list_contributors),
      nodeProviders: await all(registry.list_node_providers),
      events: await all(registry.list_events),
      outbox: await all(registry.list_membership_outbox),
    },
    invitation: {
      stats: await invitation.stats(),
      params: await invitation.get_params(),
      nominations: await all((page) => invitation.list_nominations({ page, status: [], nominator: [] })),
    },
    queue: {
      metrics: await queue.metrics(),
      params: await queue.get_params(),
      workers: await all(queue.list_workers),
    },
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;
