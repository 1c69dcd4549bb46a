import type { Store } from './store.ts';

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  offset: bigint;
  limit: bigint;
}

export interface Page<T> {
  items: T[];
  total: bigint;
}

/** Clamps a caller's page request: limit 0 or above MAX_PAGE_SIZE means MAX_PAGE_SIZE. */
export function clampPage(request: PageRequest): { offset: number; limit: number } {
  const limit = request.limit === 0n || request.limit > BigInt(MAX_PAGE_SIZE) ? MAX_PAGE_SIZE : Number(request.limit);
  const offset = request.offset > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(request.offset);
  return { offset, limit };
}

export function pageOf<V, T>(store: Store<V>, request: PageRequest, view: (value: V) => T): Page<T> {
  const { offset, limit } = clampPage(request);
  return {
    items: store.entries(offset, limit).map(([, value]) => view(value)),
    total: BigInt(store.size()),
  };
}
