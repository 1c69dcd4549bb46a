import { describe, expect, it } from 'vitest';

import { MemoryStore } from './memory-store.ts';
import { idKey } from './keys.ts';
import { checkPage, MAX_PAGE_SIZE, newestPageOf, pageOf } from './paging.ts';
import type { Store } from './store.ts';

describe('paging', () => {
  const store = new MemoryStore<number>();
  for (let i = 0; i < 5; i++) store.set(`k${i}`, i);

  it('pages in key order; limit 0 means the page size', () => {
    expect(pageOf(store, { offset: 1n, limit: 2n }, (v) => v * 10)).toEqual({ Ok: { items: [10, 20], total: 5n } });
    expect(checkPage({ offset: 0n, limit: 0n })).toEqual({ Ok: { offset: 0, limit: MAX_PAGE_SIZE } });
    expect(pageOf(store, { offset: 2n ** 32n - 1n, limit: 100n }, (v) => v)).toEqual({ Ok: { items: [], total: 5n } });
  });

  it('answers InvalidInput for offsets past 2^32 and limits past the page size (they used to trap)', () => {
    for (const request of [
      { offset: 2n ** 32n, limit: 1n },
      { offset: 2n ** 64n - 1n, limit: 1n },
      { offset: 0n, limit: 101n },
      { offset: 0n, limit: 2n ** 64n - 1n },
    ])
      expect(pageOf(store, request, (v) => v)).toEqual({ Err: { InvalidInput: expect.any(String) } });
  });

  it('pages an append-only log from its newest end, reading only the page (no walk over older entries)', () => {
    const log = new MemoryStore<number>();
    for (let n = 1; n <= 250; n++) log.set(idKey(BigInt(n)), n);
    const reads: string[] = [];
    const counted: Store<number> = {
      ...log,
      get: (key) => (reads.push(key), log.get(key)),
      size: () => log.size(),
      entries: () => expect.fail('newestPageOf must not walk entries'),
      set: () => undefined,
      delete: () => undefined,
      has: (key) => log.has(key),
    };
    expect(newestPageOf(counted, { offset: 0n, limit: 3n }, (v) => v)).toEqual({
      Ok: { items: [250, 249, 248], total: 250n },
    });
    expect(reads).toHaveLength(3);
    expect(newestPageOf(counted, { offset: 248n, limit: 5n }, (v) => v)).toEqual({
      Ok: { items: [2, 1], total: 250n },
    });
    expect(newestPageOf(counted, { offset: 2n ** 32n - 1n, limit: 5n }, (v) => v)).toEqual({
      Ok: { items: [], total: 250n },
    });
    expect(newestPageOf(counted, { offset: 2n ** 32n, limit: 5n }, (v) => v)).toEqual({
      Err: { InvalidInput: expect.any(String) },
    });
  });
});
