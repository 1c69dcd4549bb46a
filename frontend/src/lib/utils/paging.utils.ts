/**
 * Newest-first pages over a canister list that pages in id order (oldest first): page 0 is the last `size`
 * items. The canister answers offset/limit; this says which window a newest-first page is.
 */
export function newestFirstWindow(total: bigint, page: bigint, size: bigint): { offset: bigint; limit: bigint } {
  const end = total - page * size;
  if (end <= 0n) return { offset: 0n, limit: 0n };
  const offset = end > size ? end - size : 0n;
  return { offset, limit: end - offset };
}
