import { describe, expect, it } from 'vitest';

import { nominateFlow } from './flows.ts';
import { okPage } from '../../shared/testing/paging.ts';
import { listNominations as listResult, stats } from './queries.ts';
import { candidate, nominateInput, OTHER_PROVIDER, ROLES, world, type World } from './testing.ts';
import { withdraw } from './withdraw.ts';

async function populate(w: World) {
  for (let i = 1; i <= 3; i++) await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(i)));
  for (let i = 4; i <= 5; i++) await nominateFlow(w, OTHER_PROVIDER, nominateInput(candidate(i)));
  withdraw(w.stores, w.now, ROLES.nodeProvider, 2n);
}

const listNominations = (...args: Parameters<typeof listResult>) => okPage(listResult(...args));
const ids = (page: { items: Array<{ id: bigint }> }) => page.items.map((n) => n.id);
const page = (offset = 0n, limit = 0n) => ({ offset, limit });

describe('list_nominations', () => {
  it('lists all in id order with paging and total', async () => {
    const w = world();
    await populate(w);
    expect(ids(listNominations(w.stores, { page: page(), status: undefined, nominator: undefined }))).toEqual([
      1n,
      2n,
      3n,
      4n,
      5n,
    ]);
    const second = listNominations(w.stores, { page: page(2n, 2n), status: undefined, nominator: undefined });
    expect(ids(second)).toEqual([3n, 4n]);
    expect(second.total).toBe(5n);
  });

  it('filters by status, by nominator, and by both', async () => {
    const w = world();
    await populate(w);
    const open = listNominations(w.stores, { page: page(), status: 'Open', nominator: undefined });
    expect([ids(open), open.total]).toEqual([[1n, 3n, 4n, 5n], 4n]);
    expect(ids(listNominations(w.stores, { page: page(), status: 'Withdrawn', nominator: undefined }))).toEqual([2n]);
    const mine = listNominations(w.stores, { page: page(), status: undefined, nominator: ROLES.nodeProvider });
    expect([ids(mine), mine.total]).toEqual([[1n, 2n, 3n], 3n]);
    const mineOpen = listNominations(w.stores, { page: page(1n, 1n), status: 'Open', nominator: ROLES.nodeProvider });
    expect([ids(mineOpen), mineOpen.total]).toEqual([[3n], 2n]);
    expect(listNominations(w.stores, { page: page(), status: 'Admitted', nominator: undefined }).items).toEqual([]);
  });

  it('gives at most 100 items a page and answers InvalidInput past it or past offset 2^32', async () => {
    const w = world();
    const many = Array.from({ length: 120 }, (_, i) => i);
    for (const i of many) w.stores.nominations.set(String(i).padStart(20, '0'), { id: BigInt(i) } as never);
    expect(
      listNominations(w.stores, { page: page(0n, 0n), status: undefined, nominator: undefined }).items,
    ).toHaveLength(100);
    for (const request of [page(0n, 1_000n), page(2n ** 64n - 1n, 1n)])
      expect(listResult(w.stores, { page: request, status: undefined, nominator: undefined })).toEqual({
        Err: { InvalidInput: expect.any(String) },
      });
  });
});

describe('stats', () => {
  it('counts nominations per status', async () => {
    const w = world();
    await populate(w);
    expect(stats(w.stores)).toEqual({
      total: 5n,
      open: 4n,
      admitted: 0n,
      rejected: 0n,
      withdrawn: 1n,
      expired: 0n,
      last_reconcile_at: 0n,
    });
  });
});
