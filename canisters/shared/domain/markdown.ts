/**
 * Escapes caller-supplied text for a markdown rendering (a proposal's payload_text_rendering) so it reads
 * as literal text: no emphasis, code, link, HTML, table cell or strikethrough it could forge.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Block markers a line may start with: heading, list, quote, setext underline, ordered list, fence. */
const LINE_START = /^(\s*)([#>+=-]|\d+[.)])/;

/**
 * Multi-line caller text as a block quote: every line stays inside the quote and none can start a
 * heading, list or fence of its own, so the text cannot forge lines of the rendering around it.
 */
export function quoteMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line).replace(LINE_START, '$1\\$2')}`)
    .join('\n');
}
