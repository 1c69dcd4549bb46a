// @vitest-environment jsdom
import type { Job } from '@gatehouse/clients';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Ctx } from '../lib/services/context.ts';
import { cancelJob, getJob, models, rememberedJobs } from '../lib/services/jobs.services.ts';
import { loadWorkers } from '../lib/services/registry.services.ts';
import { PlaygroundPage } from './playground-page.tsx';

// The service layer is the unit boundary: these tests are about what the page shows and asks of it.
vi.mock('../lib/services/jobs.services.ts', async (original) => ({
  ...(await original<object>()),
  cancelJob: vi.fn(),
  getJob: vi.fn(),
  models: vi.fn(),
  rememberedJobs: vi.fn(),
  submitChat: vi.fn(),
}));
vi.mock('../lib/services/registry.services.ts', () => ({ loadWorkers: vi.fn() }));
const ctx = { config: { network: 'local', canisters: {} }, signedIn: true } as unknown as Ctx;
vi.mock('../lib/state/session.tsx', () => ({ useSession: () => ({ ctx, signIn: () => undefined }) }));

const job = (status: Job['status']) => ({ id: 5n, model: 'tiny-chat', created_at: 0n, status }) as unknown as Job;
const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`);

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(models).mockResolvedValue(['tiny-chat']);
  vi.mocked(loadWorkers).mockResolvedValue({ workers: [], online: 1, queued: 0n, models: ['tiny-chat'] });
  vi.mocked(rememberedJobs).mockReturnValue([5n]);
});
afterEach(cleanup);

describe('PlaygroundPage', () => {
  it('lists my jobs and cancels one while a worker holds it, the card then showing it cancelled', async () => {
    vi.mocked(getJob).mockResolvedValue(job({ Leased: { worker: {}, leased_at: 0n } } as never));
    vi.mocked(cancelJob).mockImplementation(async () => {
      vi.mocked(getJob).mockResolvedValue(job({ Cancelled: null }));
    });
    render(<PlaygroundPage query={new URLSearchParams()} />);
    expect((await screen.findByText('Leased')).className).toBe('badge warn');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    expect(vi.mocked(cancelJob)).toHaveBeenCalledWith(ctx, 5n);
    expect(tid('job-cancel')).toBeNull();
  });

  it('shows a refused cancel as a sentence and keeps the job', async () => {
    vi.mocked(getJob).mockResolvedValue(job({ Queued: null }));
    vi.mocked(cancelJob).mockRejectedValue(new Error('Reject text: job 5 is Completed'));
    render(<PlaygroundPage query={new URLSearchParams()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Refused by the canister: job 5 is Completed');
    await waitFor(() => expect(tid('job-cancel')?.hasAttribute('disabled')).toBe(false));
  });

  it('says so when this browser has sent no job yet', async () => {
    vi.mocked(rememberedJobs).mockReturnValue([]);
    render(<PlaygroundPage query={new URLSearchParams()} />);
    expect((await screen.findByText('No jobs from this browser yet.')).tagName).toBe('P');
  });
});
