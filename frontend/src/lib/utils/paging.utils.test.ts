import { describe, expect, it } from 'vitest';

import { newestFirstWindow } from './paging.utils.ts';

describe('newestFirstWindow', () => {
  it('puts the newest items on page 0 and the oldest, shorter remainder on the last page', () => {
    expect(newestFirstWindow(45n, 0n, 20n)).toEqual({ offset: 25n, limit: 20n });
    expect(newestFirstWindow(45n, 1n, 20n)).toEqual({ offset: 5n, limit: 20n });
    expect(newestFirstWindow(45n, 2n, 20n)).toEqual({ offset: 0n, limit: 5n });
  });

  it('reads everything when it fits one page, and nothing past the last page', () => {
    expect(newestFirstWindow(3n, 0n, 20n)).toEqual({ offset: 0n, limit: 3n });
    expect(newestFirstWindow(40n, 2n, 20n)).toEqual({ offset: 0n, limit: 0n });
    expect(newestFirstWindow(0n, 0n, 20n)).toEqual({ offset: 0n, limit: 0n });
  });
});
