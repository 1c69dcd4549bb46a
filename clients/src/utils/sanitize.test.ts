import { describe, expect, it } from 'vitest';

import { sanitize } from './sanitize.ts';

describe('sanitize', () => {
  it.each([
    ['colour (CSI)', 'Dave\u001b[31m red\u001b[0m', 'Dave red'],
    ['cursor movement and line erase (a lone CR becomes a break)', 'ok\u001b[2K\u001b[1A\rfake', 'ok fake'],
    ['window title (OSC, BEL)', '\u001b]0;pwned\u0007name', 'name'],
    ['hyperlink (OSC, ST)', '\u001b]8;;https://evil\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['DCS', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['C0 controls, DEL and C1', 'a\u0000b\u0007c\u0008d\u007fe\u0085f', 'abcdef'],
    ['bidirectional overrides', 'abc\u202edcba\u2066x\u2069', 'abcdcbax'],
    ['a lone escape', 'a\u001b', 'a'],
  ])('removes %s', (_what, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('keeps ordinary text, including non-ASCII', () => {
    expect(sanitize('Zoë — 日本語 ✓ 16 GiB')).toBe('Zoë — 日本語 ✓ 16 GiB');
  });

  it('folds line breaks and tabs to spaces unless multiline', () => {
    expect(sanitize('a\nb\r\nc\td')).toBe('a b c d');
    expect(sanitize('a\nb\r\nc\td\re', { multiline: true })).toBe('a\nb\nc\td\ne');
  });
});
