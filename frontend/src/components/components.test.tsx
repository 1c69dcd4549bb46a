// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { NORMAL } from '../lib/utils/tally.utils.ts';
import { renderMarkdown } from './markdown.tsx';
import { NominationForm } from './nomination-form.tsx';
import { TallyBar } from './tally-bar.tsx';

afterEach(cleanup);
const E8S = 100_000_000n;

describe('TallyBar', () => {
  it('says how much more yes an open proposal needs, in voting power', () => {
    render(<TallyBar tally={{ yes: 45n * E8S, no: 0n, total: 100n * E8S }} thresholds={NORMAL} open />);
    expect(screen.getByText(/Yes 45\.00 %/)).toBeTruthy();
    expect(screen.getByTestId('tally-needs').textContent).toMatch(
      /Would pass at the deadline as it stands; 5 more yes adopts it at once/,
    );
  });

  it('shows no "needs" line once voting is over', () => {
    render(<TallyBar tally={{ yes: 75n, no: 0n, total: 100n }} thresholds={NORMAL} open={false} />);
    expect(screen.queryByTestId('tally-needs')).toBeNull();
  });
});

describe('NominationForm', () => {
  it('explains a bad principal as it is typed and does not submit an invalid form', () => {
    const onSubmit = vi.fn();
    render(<NominationForm self={undefined} busy={false} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Candidate principal'), { target: { value: 'abc' } });
    expect(screen.getByText(/not a principal/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nominate and propose' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('a display name is required')).toBeTruthy();
  });

  it('submits a valid nomination', () => {
    const onSubmit = vi.fn();
    render(<NominationForm self={undefined} busy={false} onSubmit={onSubmit} />);
    const set = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    set('Candidate principal', 'rrkah-fqaaa-aaaaa-aaaaq-cai');
    set('Display name', 'Erin');
    set('Motivation', 'GPU box');
    // nominate refuses an empty region: so does the form.
    fireEvent.click(screen.getByRole('button', { name: 'Nominate and propose' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.getElementById('nominate-region-help')?.textContent).toMatch(/region .*is required/);
    set('Region', 'eu-west');
    fireEvent.click(screen.getByRole('button', { name: 'Nominate and propose' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ candidate: 'rrkah-fqaaa-aaaaa-aaaaq-cai' }));
  });
});

describe('renderMarkdown', () => {
  it('keeps formatting and drops scripts and event handlers', () => {
    const html = renderMarkdown('**bold** <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">x</a>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toMatch(/script|onclick|javascript:/);
  });
});
