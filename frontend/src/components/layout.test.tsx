// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Layout } from './layout.tsx';

vi.mock('../lib/state/session.tsx', () => ({
  useSession: () => ({ ctx: { config: { network: 'local' } }, principal: undefined, signIn: () => undefined }),
}));
afterEach(cleanup);

async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('Layout', () => {
  it('moves focus to the content when the route changes, not on the first page', async () => {
    window.location.hash = '#/proposals';
    render(
      <Layout current="proposals">
        <p>page</p>
      </Layout>,
    );
    const main = document.querySelector('main')!;
    expect(document.activeElement).not.toBe(main);
    await go('#/proposals/3');
    expect(document.activeElement).toBe(main);
    (document.querySelector('[data-tid="nav-workers"]') as HTMLElement).focus();
    await go('#/workers');
    expect(document.activeElement).toBe(main);
  });
});
