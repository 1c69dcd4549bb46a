/**
 * Text from a canister (display names, motivations, reasons, proposal texts) is chosen by whoever wrote it.
 * Before it reaches a terminal, escape sequences (which can move the cursor, rewrite earlier lines, set the
 * window title or hide text) and other control characters are removed. Line feeds and tabs stay only when
 * `multiline` is set; otherwise they become spaces so one record stays on one line.
 */
// ESC [ … final byte (CSI), ESC ] … BEL or ESC \ (OSC), ESC P/X/^/_ … ESC \ (DCS, SOS, PM, APC), ESC + one byte.
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides/isolates that
// reorder what is shown (the "Trojan Source" characters).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string, o: { multiline?: boolean } = {}): string {
  const stripped = text.replace(ESCAPES, '').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
  return o.multiline ? stripped : stripped.replace(/[\n\t]/g, ' ');
}
