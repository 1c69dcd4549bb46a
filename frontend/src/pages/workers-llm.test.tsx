// @vitest-environment jsdom
import { Principal } from '@icp-sdk/core/principal';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { LlmChat } from '../components/llm-chat.tsx';
import type { Ctx } from '../lib/services/context.ts';
import { llmChat, llmModels, loadLlm } from '../lib/services/llm.services.ts';
import { loadMe, loadWorkers } from '../lib/services/registry.services.ts';
import { LlmPage } from './llm-page.tsx';
import { WorkersPage } from './workers-page.tsx';

// The service layer is the unit boundary: these tests are about what the screens say for what it returns.
vi.mock('../lib/services/registry.services.ts', () => ({ loadMe: vi.fn(), loadWorkers: vi.fn() }));
vi.mock('../lib/services/llm.services.ts', () => ({ llmChat: vi.fn(), llmModels: vi.fn(), loadLlm: vi.fn() }));
const ctx = {
  config: { network: 'local', host: 'http://127.0.0.1:4943', canisters: {} },
  signedIn: true,
} as unknown as Ctx;
vi.mock('../lib/state/session.tsx', () => ({ useSession: () => ({ ctx, signIn: () => undefined }) }));

const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`);
const WORKER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const worker = (o: { heartbeatSecondsAgo: number; completed: bigint }) => ({
  worker: Principal.fromText(WORKER),
  contributor: Principal.anonymous(),
  active: true,
  version: '',
  last_heartbeat: BigInt(Date.now() - o.heartbeatSecondsAgo * 1000) * 1_000_000n,
  completed: o.completed,
  failed: 0n,
  expired_leases: 0n,
  latency_ms_max: 0n,
  in_flight: 0,
  models: ['tiny-chat'],
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(loadMe).mockResolvedValue({ role: 'None' });
});
afterEach(cleanup);

describe('WorkersPage', () => {
  it('says no worker is online yet and that jobs wait queued, instead of an empty table', async () => {
    vi.mocked(loadWorkers).mockResolvedValue({ workers: [], online: 0, queued: 2n, models: ['tiny-chat'] });
    render(<WorkersPage />);
    const notice = await screen.findByText('No worker is online yet.');
    expect(notice.parentElement?.textContent).toMatch(/Jobs wait in the queue until one is.*\(2 waiting now\)/);
    expect(notice.parentElement?.textContent).toMatch(/npm start/);
    expect(tid('workers')).toBeNull();
  });

  it('shows an online worker without the notice, and "no jobs yet" for a latency it has not measured', async () => {
    const w = worker({ heartbeatSecondsAgo: 3, completed: 0n });
    vi.mocked(loadWorkers).mockResolvedValue({ workers: [w] as never, online: 1, queued: 0n, models: ['tiny-chat'] });
    render(<WorkersPage />);
    expect((await screen.findByText('online')).tagName).toBe('SPAN');
    expect(tid('no-worker-online')).toBeNull();
    expect(tid('latency')?.textContent).toBe('no jobs yet');
  });

  it("shows a signed-in contributor their status, worker keys and their own workers' figures", async () => {
    const unbound = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
    vi.mocked(loadWorkers).mockResolvedValue({ workers: [], online: 0, queued: 0n, models: [] });
    vi.mocked(loadMe).mockResolvedValue({
      role: 'Contributor',
      contributor: {
        id: Principal.anonymous(),
        status: { Suspended: null },
        status_reason: 'worker offline for a week',
        sponsor: Principal.anonymous(),
        proposal_id: 7n,
        models: ['tiny-chat'],
        worker_keys: [Principal.fromText(WORKER), unbound],
      },
      workers: [worker({ heartbeatSecondsAgo: 3, completed: 12n })],
    } as never);
    render(<WorkersPage />);
    expect((await screen.findByText('Suspended')).tagName).toBe('SPAN');
    expect(tid('you-status')?.textContent).toContain('worker offline for a week');
    expect(tid('you-keys')?.textContent).toMatch(/ryjl3-tyaaa.*no worker has reported with it yet/);
    const mine = tid(`you-workers`)!;
    expect(mine.querySelector(`[data-tid="worker-${WORKER}"] [data-tid="completed"]`)?.textContent).toBe('12');
    expect(mine.textContent).not.toContain('Contributor');
    expect(screen.getByRole('link', { name: 'proposal 7' }).getAttribute('href')).toBe('#/proposals/7');
  });

  it('tells a signed-in newcomer how to be nominated', async () => {
    vi.mocked(loadWorkers).mockResolvedValue({ workers: [], online: 0, queued: 0n, models: [] });
    render(<WorkersPage />);
    expect((await screen.findByText(/You are not in the registry/)).tagName).toBe('P');
  });
});

describe('LlmChat', () => {
  beforeEach(() => vi.mocked(llmModels).mockResolvedValue([{ name: 'llama3.1:8b', workerModel: 'tiny-chat' }]));

  it('sends v0_chat with the chosen model and shows the answer and how long the call was held', async () => {
    vi.mocked(llmChat).mockResolvedValue({ answer: 'Hello from tiny-chat', heldMs: 4_200 });
    render(<LlmChat ctx={ctx} />);
    expect((await screen.findByText('served by worker model tiny-chat')).id).toBe('llm-model-help');
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Say hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send v0_chat' }));
    expect(await screen.findByText('Hello from tiny-chat')).toBeTruthy();
    expect(vi.mocked(llmChat)).toHaveBeenCalledWith(ctx, { model: 'llama3.1:8b', prompt: 'Say hi' });
    expect(tid('llm-answer-held')?.textContent).toMatch(/held open 4\.2 s/);
  });

  it('shows a rejected call as a sentence and no answer', async () => {
    vi.mocked(llmChat).mockRejectedValue(new Error('Reject text: no worker answered within 300 s'));
    render(<LlmChat ctx={ctx} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send v0_chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Refused by the canister: no worker answered within 300 s',
    );
    expect(tid('llm-answer')).toBeNull();
  });
});

describe('LlmPage', () => {
  it('shows the id, the model-name map and the figures, the held time as a mean over ended calls', async () => {
    vi.mocked(loadLlm).mockResolvedValue({
      id: 'w36hm-eqaaa-aaaal-qr76a-cai',
      params: {
        models: [{ name: 'llama3.1:8b', worker_model: 'tiny-chat' }],
        timeout_seconds: 300,
        max_tokens: 256,
        max_request_bytes: 65_536,
      },
      metrics: {
        chats_v0: 3n,
        chats_v1: 1n,
        replied: 3n,
        timeout: 1n,
        failed: 0n,
        cancelled: 0n,
        expired: 0n,
        refused: 2n,
        polls: 40n,
        held: 0n,
        held_ms_total: 10_000n,
        cycles: 5n,
      },
    });
    render(<LlmPage />);
    expect((await screen.findByText(/the IC LLM canister's own id/)).tagName).toBe('DIV');
    expect(tid('llm-models')?.textContent).toMatch(/llama3\.1:8btiny-chat/);
    expect(tid('llm-chats')?.textContent).toBe('3 v0 · 1 v1');
    expect(tid('llm-refused')?.textContent).toBe('2');
    expect(tid('llm-held-time')?.textContent).toBe('2.5 s mean (10 s in all)');
    expect(screen.getByText('Cycles balance').tagName).toBe('DT');
    expect(tid('llm-cycles')?.textContent).toBe('5 cycles held by the canister');
    expect(screen.getByRole('link', { name: '/metrics' }).getAttribute('href')).toMatch(/canisterId=w36hm-/);
  });

  it('says so when the deployment has no llm canister', async () => {
    vi.mocked(loadLlm).mockResolvedValue(null);
    render(<LlmPage />);
    expect((await screen.findByText(/This deployment has no llm canister/)).tagName).toBe('P');
  });
});
