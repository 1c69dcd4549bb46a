import { idKey } from './keys.ts';
import { invalidInput, ok, type Result } from './result.ts';
import type { Store } from './store.ts';

export const MAX_PAGE_SIZE = 100;
/** Stable-map offsets are u32; a larger one used to trap inside the map. */
export const MAX_PAGE_OFFSET = 2n ** 32n - 1n;

export interface PageRequest {
  offset: bigint;
  limit: bigint;
}

export interface Page<T> {
  items: T[];
  total: bigint;
}

/** A caller's page request as numbers: limit 0 means MAX_PAGE_SIZE; out of range is InvalidInput, never a trap. */
export function checkPage(request: PageRequest): Result<{ offset: number; limit: number }> {
  if (request.offset > MAX_PAGE_OFFSET) return invalidInput(`offset ${request.offset} is past ${MAX_PAGE_OFFSET}`);
  if (request.limit > BigInt(MAX_PAGE_SIZE))
    return invalidInput(`limit ${request.limit} is past the page size ${MAX_PAGE_SIZE}`);
  return ok({ offset: Number(request.offset), limit: request.limit === 0n ? MAX_PAGE_SIZE : Number(request.limit) });
}

export function pageOf<V, T>(store: Store<V>, request: PageRequest, view: (value: V) => T): Result<Page<T>> {
  const checked = checkPage(request);
  if ('Err' in checked) return checked;
  const { offset, limit } = checked.Ok;
  return ok({ items: store.entries(offset, limit).map(([, value]) => view(value)), total: BigInt(store.size()) });
}

/**
 * A page counted from the newest end of a store keyed `idKey(1..n)` without gaps (an append-only log): offset 0
 * starts at entry n, newest first. It reads only the page's own keys, one lookup each (O(limit · log n)), where
 * `pageOf` with offset n − k would walk the n − k entries before them.
 */
export function newestPageOf<V, T>(
  store: Store<V>,
  request: PageRequest,
  view: (value: V) => T | undefined,
): Result<Page<T>> {
  const checked = checkPage(request);
  if ('Err' in checked) return checked;
  const { offset, limit } = checked.Ok;
  const total = store.size();
  const items: T[] = [];
  for (let n = total - offset; n >= 1 && items.length < limit; n--) {
    const value = store.get(idKey(BigInt(n)));
    const item = value === undefined ? undefined : view(value);
    if (item !== undefined) items.push(item);
  }
  return ok({ items, total: BigInt(total) });
}

/** Maps the items of a page result (domain → Candid). */
export const mapPage = <A, B>(page: Result<Page<A>>, f: (a: A) => B): Result<Page<B>> =>
  'Ok' in page ? ok({ items: page.Ok.items.map(f), total: page.Ok.total }) : page;
