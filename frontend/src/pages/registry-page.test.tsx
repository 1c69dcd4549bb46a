// @vitest-environment jsdom
import { Principal } from '@icp-sdk/core/principal';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Ctx } from '../lib/services/context.ts';
import { loadRegistry, REGISTRY_PAGE } from '../lib/services/registry.services.ts';
import { RegistryPage } from './registry-page.tsx';

vi.mock('../lib/services/registry.services.ts', async (original) => ({
  ...(await original<object>()),
  loadRegistry: vi.fn(),
}));
const ME = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const ctx = { config: { network: 'local', canisters: {} }, signedIn: true } as unknown as Ctx;
vi.mock('../lib/state/session.tsx', () => ({ useSession: () => ({ ctx, principal: ME.toText() }) }));

const contributor = (id: Principal, name: string) => ({
  id,
  display_name: name,
  status: { Active: null },
  sponsor: Principal.anonymous(),
  proposal_id: 1n,
  models: ['tiny-chat'],
  worker_keys: [],
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(loadRegistry).mockImplementation(
    async (_ctx, at) =>
      ({
        nodeProviders: [],
        nodeProvidersTotal: 0n,
        contributors: [contributor(at.contributors === 0n ? ME : Principal.anonymous(), `from ${at.contributors}`)],
        contributorsTotal: 120n,
        events: [],
        eventsTotal: 0n,
      }) as never,
  );
});
afterEach(cleanup);

describe('RegistryPage', () => {
  it('pages through contributors by their total and marks the user’s own row', async () => {
    render(<RegistryPage />);
    expect((await screen.findByText('Contributors (120)')).tagName).toBe('H2');
    const pager = () => within(document.querySelector<HTMLElement>('[data-tid="contributors-pager"]')!);
    expect(screen.getByText('from 0').textContent).toBe('from 0 you');
    fireEvent.click(pager().getByRole('button', { name: 'Next' }));
    expect((await screen.findByText('from 50')).tagName).toBe('TD');
    expect(vi.mocked(loadRegistry)).toHaveBeenLastCalledWith(ctx, { contributors: REGISTRY_PAGE, events: 0n });
    expect(pager().getByText('51–51 of 120')).toBeTruthy();
    expect(screen.queryByText('you')).toBeNull();
  });
});
