const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A marker the submitter sees at the end of an output the worker had to cut. */
export const TRUNCATION_MARK = ' […truncated]';

/**
 * `text` as is when it fits in `maxBytes` of UTF-8, else its longest prefix that ends on a character
 * boundary and leaves room for TRUNCATION_MARK, followed by the mark (no mark when even it does not fit).
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return text;
  const mark = encoder.encode(TRUNCATION_MARK);
  const marked = mark.length <= maxBytes;
  const kept = decoder.decode(bytes.subarray(0, boundary(bytes, marked ? maxBytes - mark.length : maxBytes)));
  return marked ? `${kept}${TRUNCATION_MARK}` : kept;
}

/** The largest n <= limit such that bytes[0..n) is whole UTF-8 characters (continuation bytes are 10xxxxxx). */
function boundary(bytes: Uint8Array, limit: number): number {
  let n = limit;
  while (n > 0 && (bytes[n]! & 0xc0) === 0x80) n -= 1;
  return n;
}
