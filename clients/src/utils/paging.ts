/** The canisters' offset/limit paging (`record { offset; limit }` → `record { items; total }`) and iterating it. */
export interface PageRequest {
  offset: bigint;
  limit: bigint;
}

export interface Page<T> {
  items: T[];
  total: bigint;
}

export const DEFAULT_PAGE_SIZE = 100n;

/**
 * Every item, page by page. Stops at `total` or at the first empty page (a canister caps `limit` at its own
 * maximum, so a short page is not the end; an empty one is), and after `maxPages` as a guard.
 */
export async function* iteratePages<T>(
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  o: { pageSize?: bigint; maxPages?: number } = {},
): AsyncGenerator<T> {
  const limit = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxPages = o.maxPages ?? 10_000;
  let offset = 0n;
  for (let pages = 0; pages < maxPages; pages++) {
    const { items, total } = await fetchPage({ offset, limit });
    yield* items;
    offset += BigInt(items.length);
    if (items.length === 0 || offset >= total) return;
  }
}

/** All items of a paged listing in one array (see iteratePages). */
export async function allPages<T>(
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  o: { pageSize?: bigint; maxPages?: number } = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iteratePages(fetchPage, o)) all.push(item);
  return all;
}
