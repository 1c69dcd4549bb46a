import { describe, expect, it } from 'vitest';

import { MemoryStore } from './memory-store.ts';
import { checkPage, MAX_PAGE_SIZE, pageOf } from './paging.ts';

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
});
