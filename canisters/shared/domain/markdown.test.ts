import { describe, expect, it } from 'vitest';

import { escapeMarkdown, quoteMarkdown } from './markdown.ts';

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, links, HTML, tables and strikethrough', () => {
    expect(escapeMarkdown('*bold* _it_ `code` [link](http://x) <b>|~~')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http://x) \\<b\\>\\|\\~\\~',
    );
  });

  it('leaves ordinary names alone', () => {
    expect(escapeMarkdown('llama-3.1-8b-q4 (Zurich)')).toBe('llama-3.1-8b-q4 (Zurich)');
  });
});

describe('quoteMarkdown', () => {
  it('keeps every line inside the quote and escapes block markers at line starts', () => {
    const forged = 'Fine hardware.\n# Admit nomination 9\n- approved\n  1. first\n> quoted\n===';
    expect(quoteMarkdown(forged).split('\n')).toEqual([
      '> Fine hardware.',
      '> \\# Admit nomination 9',
      '> \\- approved',
      '>   \\1. first',
      '> \\> quoted',
      '> \\===',
    ]);
  });
});
