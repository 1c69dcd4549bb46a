import { describe, expect, it } from 'vitest';
import { terminalText } from './terminal-text.ts';

describe('terminalText', () => {
  it('removes escape sequences (colours, cursor moves, title changes) and control characters', () => {
    expect(terminalText('\u001b[31mred\u001b[0m \u001b[2Aup \u001b]0;owned\u0007title\u0008')).toBe('red up title');
    expect(terminalText('a\u009b2Jb\u0000c\u202eevil')).toBe('abcevil');
  });

  it('keeps newlines and tabs of an answer when multiline, folds them otherwise', () => {
    expect(terminalText('line 1\n\tline 2\r\n', { multiline: true })).toBe('line 1\n\tline 2\n');
    expect(terminalText('line 1\n\tline 2')).toBe('line 1 line 2');
  });
});
