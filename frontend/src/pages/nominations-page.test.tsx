// @vitest-environment jsdom
import type { Nomination } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Ctx } from '../lib/services/context.ts';
import {
  loadNomination,
  loadNominationRules,
  loadNominations,
  nominateAndPropose,
  withdraw,
} from '../lib/services/nominations.services.ts';
import { loadMe } from '../lib/services/registry.services.ts';
import { pipeline } from '../lib/utils/pipeline.utils.ts';
import { NominationsPage } from './nominations-page.tsx';

// The service layer is the unit boundary: these tests are about what the page does with what it answers.
vi.mock('../lib/services/nominations.services.ts', async (original) => ({
  ...(await original<object>()),
  loadNomination: vi.fn(),
  loadNominationRules: vi.fn(),
  loadNominations: vi.fn(),
  nominateAndPropose: vi.fn(),
  withdraw: vi.fn(),
}));
vi.mock('../lib/services/registry.services.ts', () => ({ loadMe: vi.fn() }));
const NORA = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const ERIN = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const ctx = { config: { network: 'local', canisters: {} }, signedIn: true } as unknown as Ctx;
vi.mock('../lib/state/session.tsx', () => ({
  useSession: () => ({ ctx, principal: NORA.toText(), signIn: () => undefined }),
}));

const nomination = (id: bigint, o: Partial<Nomination> = {}) =>
  ({
    id,
    candidate: Principal.fromText(ERIN),
    nominator: NORA,
    display_name: `Candidate ${id}`,
    models: ['tiny-chat'],
    status: { Open: null },
    expires_at: 0n,
    ...o,
  }) as unknown as Nomination;
const row = (n: Nomination) => ({
  nomination: n,
  pipeline: pipeline({ status: 'Open', proposalId: n.proposal_id }, n.proposal_id ? 'Open' : undefined),
});
const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`);

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(loadMe).mockResolvedValue({ role: 'NodeProvider' });
  vi.mocked(loadNominationRules).mockResolvedValue({
    served: ['tiny-chat', 'llama3.1:8b'],
    maxModels: 2,
    maxDisplayNameBytes: 64,
    maxMotivationBytes: 2048,
  });
});
afterEach(cleanup);

describe('NominationsPage', () => {
  it('shows the nomination just made at the top with its pipeline at Proposed, the list re-read after', async () => {
    vi.mocked(loadNominations).mockResolvedValueOnce({ rows: [row(nomination(1n))], total: 1n });
    const made = nomination(2n, { proposal_id: 5n });
    vi.mocked(nominateAndPropose).mockResolvedValue({ nomination: made, proposalId: 5n });
    vi.mocked(loadNominations).mockResolvedValue({ rows: [row(made), row(nomination(1n))], total: 2n });
    render(<NominationsPage />);
    await screen.findByText('Candidate 1', { exact: false });
    const set = (id: string, value: string) => fireEvent.change(tid(id)!, { target: { value } });
    set('nominate-candidate', ERIN);
    set('nominate-displayName', 'Candidate 2');
    set('nominate-motivation', 'GPU box');
    set('nominate-region', 'eu-west');
    fireEvent.click(screen.getByRole('button', { name: 'Nominate and propose' }));
    expect((await screen.findByText('Nomination 2 is proposal 5.')).tagName).toBe('SPAN');
    expect(screen.getByRole('link', { name: 'Open the proposal →' }).getAttribute('href')).toBe('#/proposals/5');
    expect((tid('nominate-displayName') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(tid('nominations-range')?.textContent).toBe('1–2 of 2'));
    const cards = [...document.querySelectorAll('[data-tid="nomination-list"] > li')];
    expect(cards[0]!.getAttribute('data-tid')).toBe('nomination-2');
    expect(cards[0]!.querySelector('.pipeline li.done:nth-child(2)')?.textContent).toBe('Proposed');
    expect(cards[0]!.querySelector('[aria-current="step"]')?.textContent).toBe('Vote');
    expect(cards[0]!.textContent).toContain('Token holders are voting on proposal 5.');
  });

  it('lets the node provider withdraw their own open nomination, and only theirs', async () => {
    const other = nomination(3n, { nominator: Principal.anonymous() });
    vi.mocked(loadNominations).mockResolvedValue({ rows: [row(other), row(nomination(1n))], total: 2n });
    vi.mocked(withdraw).mockResolvedValue();
    render(<NominationsPage />);
    await screen.findByText('Candidate 1', { exact: false });
    expect(tid('nomination-3')!.querySelector('[data-tid="withdraw"]')).toBeNull();
    fireEvent.click(tid('nomination-1')!.querySelector<HTMLElement>('[data-tid="withdraw"]')!);
    expect(await screen.findByText('Nomination 1 withdrawn.')).toBeTruthy();
    expect(vi.mocked(withdraw)).toHaveBeenCalledWith(ctx, 1n);
    await waitFor(() => expect(vi.mocked(loadNominations).mock.calls.length).toBeGreaterThanOrEqual(2));
  });

  it('shows a refused withdrawal as a sentence', async () => {
    vi.mocked(loadNominations).mockResolvedValue({ rows: [row(nomination(1n))], total: 1n });
    vi.mocked(withdraw).mockRejectedValue(new Error('Reject text: nomination 1 is not open'));
    render(<NominationsPage />);
    await screen.findByText('Candidate 1', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Refused by the canister: nomination 1 is not open');
  });

  it('shows a linked nomination on its own above the list, or says there is none', async () => {
    vi.mocked(loadNominations).mockResolvedValue({ rows: [], total: 0n });
    vi.mocked(loadNomination).mockResolvedValue(row(nomination(7n)));
    render(<NominationsPage focus={7n} />);
    expect((await screen.findByText('Nomination #7')).tagName).toBe('H2');
    expect(tid('nomination-7')?.querySelector('a')?.getAttribute('href')).toBe('#/nominations/7');
    expect(vi.mocked(loadNomination)).toHaveBeenCalledWith(ctx, 7n);
    cleanup();
    vi.mocked(loadNomination).mockResolvedValue(undefined);
    render(<NominationsPage focus={9n} />);
    expect((await screen.findByText('There is no nomination #9.')).tagName).toBe('P');
  });
  it('offers the models the network serves and checks the entry as it is typed, as the canister would', async () => {
    vi.mocked(loadNominations).mockResolvedValue({ rows: [], total: 0n });
    render(<NominationsPage />);
    const served = await screen.findByRole('group', { name: 'Models the network serves' });
    const models = tid('nominate-models') as HTMLInputElement;
    const help = () => document.getElementById('nominate-models-help')!;
    const chip = (name: string) => screen.getByRole('button', { name });
    expect(chip('tiny-chat').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(chip('llama3.1:8b'));
    expect(models.value).toBe('tiny-chat, llama3.1:8b');
    expect(help().className).toBe('muted');
    fireEvent.click(chip('tiny-chat'));
    expect(models.value).toBe('llama3.1:8b');
    expect(served.querySelectorAll('[aria-pressed="true"]')).toHaveLength(1);
    // A typo is not an error (the canister takes any name) but it is named: no worker would serve it.
    fireEvent.change(models, { target: { value: 'tiny-caht' } });
    expect(help().className).toBe('warning');
    expect(help().textContent).toMatch(/^not served by the network yet: tiny-caht\. /);
    // What the canister refuses is an error: more than its max_models, a name twice.
    fireEvent.change(models, { target: { value: 'tiny-chat, llama3.1:8b, other' } });
    expect(help().textContent).toBe('at most 2 models');
    fireEvent.change(models, { target: { value: 'tiny-chat tiny-chat' } });
    expect(help().textContent).toBe('"tiny-chat" is named twice');
    expect(models.getAttribute('aria-invalid')).toBe('true');
  });
});
