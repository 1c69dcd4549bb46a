/**
 * Canister data on its way to a terminal: ANSI/VT escape sequences and other control characters are
 * removed (they could move the cursor, rewrite earlier lines or set the window title); newlines and tabs
 * stay when `multiline`, else every run of whitespace becomes one space.
 */
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(text: string, { multiline = false } = {}): string {
  const clean = text.replace(ESCAPES, '').replace(CONTROLS, '');
  return multiline ? clean : clean.replace(/\s+/g, ' ').trim();
}
