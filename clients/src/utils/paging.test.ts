import { describe, expect, it } from 'vitest';

import { allPages, iteratePages, type Page, type PageRequest } from './paging.ts';

/** A canister listing of `n` items that caps each page at `cap` (as the canisters cap `limit`). */
function listing(n: number, cap = 1000) {
  const requests: PageRequest[] = [];
  const fetchPage = async ({ offset, limit }: PageRequest): Promise<Page<number>> => {
    requests.push({ offset, limit });
    const end = Math.min(n, Number(offset) + Math.min(Number(limit), cap));
    return {
      items: Array.from({ length: Math.max(0, end - Number(offset)) }, (_, i) => Number(offset) + i),
      total: BigInt(n),
    };
  };
  return { fetchPage, requests };
}

describe('paging', () => {
  it('collects every page in order', async () => {
    const { fetchPage, requests } = listing(250);
    expect(await allPages(fetchPage, { pageSize: 100n })).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(requests.map((r) => r.offset)).toEqual([0n, 100n, 200n]);
  });

  it('goes on after a page shortened by the canister cap', async () => {
    const { fetchPage } = listing(25, 10);
    expect(await allPages(fetchPage, { pageSize: 100n })).toHaveLength(25);
  });

  it('stops on an empty page (total larger than what is served) and after maxPages', async () => {
    const lying = async (): Promise<Page<number>> => ({ items: [], total: 10n });
    expect(await allPages(lying)).toEqual([]);
    const endless = async ({ offset }: PageRequest): Promise<Page<number>> => ({
      items: [Number(offset)],
      total: 1_000_000n,
    });
    expect(await allPages(endless, { maxPages: 3 })).toEqual([0, 1, 2]);
  });

  it('iterates lazily', async () => {
    const { fetchPage, requests } = listing(1000);
    for await (const item of iteratePages(fetchPage, { pageSize: 10n })) if (item === 5) break;
    expect(requests).toHaveLength(1);
  });
});
