// @vitest-environment jsdom
import type { Nomination } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { PROPOSAL } from '../lib/utils/proposal.fixture.ts';
import { AdmissionCard } from './admission-card.tsx';
import { Deadline } from './deadline.tsx';
import { ValidatorRendering } from './validator-rendering.tsx';

afterEach(cleanup);

/** The element the e2e specs find by the same data-tid. */
const tid = (id: string) => document.querySelector<HTMLElement>(`[data-tid="${id}"]`)!;

const REGISTRY = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const SHA = '0123456789abcdef'.repeat(4);
const RENDERING =
  '# Proposal to execute nervous system function:\n\n## Nervous system function:\n\n' +
  `id: 1001\nname: "Admit contributor"\ndescription: None\ntopic: CriticalDappOperations\n` +
  `target: ${REGISTRY}.admit\nvalidator: ${REGISTRY}.validate_admit\n\n` +
  `## Payload sha256: \n\n${SHA}\n\n## Payload:\n\n` +
  'Admit nomination 1: "E\\_rin" as an Active contributor.\nMotivation:\n> Runs \\*\\*tiny\\*\\* here\n> \\# no heading';

describe('ValidatorRendering', () => {
  it('shows the function, the called method with its canister named, and the payload hash, shortened but whole in the title', () => {
    render(<ValidatorRendering text={RENDERING} names={{ [REGISTRY]: 'registry' }} />);
    const section = tid('validator-rendering');
    expect(section.querySelector('h1')).toBeNull();
    expect(section.textContent).toMatch(/Admit contributor #1001/);
    expect(section.textContent).toMatch(/admit on registry/);
    expect(section.textContent).toMatch(/validate_admit on registry/);
    expect(tid('payload-sha256').querySelector(`code[title="${SHA}"]`)?.textContent).toMatch(/…/);
  });

  it('names the topic in words with what it covers, the raw variant in its title', () => {
    render(<ValidatorRendering text={RENDERING} names={{}} />);
    const topic = tid('topic');
    expect(topic.textContent).toMatch(/^Critical dapp operations · critical: higher thresholds/);
    expect(topic.textContent).not.toContain('CriticalDappOperations');
    expect(topic.querySelector('[title="CriticalDappOperations"]')).not.toBeNull();
  });

  it('shows the escaped motivation as the characters it stands for, formatting nothing and forging no heading', () => {
    render(<ValidatorRendering text={RENDERING} names={{}} />);
    const quote = tid('validator-rendering').querySelector('.markdown blockquote')!;
    expect(quote.textContent).toContain('Runs **tiny** here');
    expect(quote.textContent).toContain('# no heading');
    expect(quote.querySelector('strong, h1')).toBeNull();
    expect(screen.getByText(/E_rin/).textContent).not.toContain('\\');
  });

  it('shows another layout as markdown with the exact text one click away', () => {
    render(<ValidatorRendering text={'# Motion Proposal:\n## Motion Text:\n\nBe **kind**'} names={{}} />);
    const section = tid('validator-rendering');
    expect(section.querySelector('.markdown strong')?.textContent).toBe('kind');
    expect(section.querySelector('details pre')?.textContent).toContain('# Motion Proposal:');
  });
});

describe('AdmissionCard', () => {
  it('renders the motivation as sanitised markdown: formatted, no literal asterisks, no script', () => {
    const nomination = {
      id: 1n,
      candidate: Principal.fromText(REGISTRY),
      nominator: Principal.anonymous(),
      display_name: 'Erin',
      hardware: { cpu_cores: 8, ram_gib: 32, gpu: '', vram_gib: 0, region: 'eu' },
      models: ['tiny-chat'],
      motivation: 'Runs **tiny-chat** on a spare box.<script>alert(1)</script>',
      status: { Open: null },
    } as unknown as Nomination;
    render(<AdmissionCard nomination={nomination} />);
    const motivation = tid('motivation');
    expect(motivation.querySelector('strong')?.textContent).toBe('tiny-chat');
    expect(motivation.textContent).not.toContain('**');
    expect(motivation.innerHTML).not.toContain('script');
  });
});

describe('Deadline', () => {
  const now = BigInt(Math.floor(Date.now() / 1000));
  const p = { ...PROPOSAL, proposal_creation_timestamp_seconds: now };

  it('shows an open proposal’s deadline after wait-for-quiet with the time left', () => {
    const extended = now + 5n * 86_400n + 5400n; // 5 d 1 h 30 min: the countdown reads "5 d 1 h" for half an hour
    render(<Deadline p={{ ...p, wait_for_quiet_state: [{ current_deadline_timestamp_seconds: extended }] }} />);
    expect(tid('deadline').textContent).toMatch(/^Closes .+ \(5 d 1 h \d+ min left\)$/);
  });

  it('shows a decided proposal’s decision date and no countdown', () => {
    render(<Deadline p={{ ...p, decided_timestamp_seconds: 1_700_000_000n }} />);
    expect(tid('decided').textContent).toBe(`Decided ${new Date(1_700_000_000_000).toLocaleString()}`);
    expect(document.querySelector('[data-tid="countdown"]')).toBeNull();
  });
});
