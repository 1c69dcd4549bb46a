/**
 * Dates and big numbers as the user's locale writes them, one formatter each for every page (the format
 * Date.toLocaleString() gives). Not a speed-up, measured: chromium caches toLocaleString's formatter too; what a
 * page pays is the first date formatted (the ICU locale data, 60-130 ms in a cold context at load ~11), either way.
 */
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const GROUPED = new Intl.NumberFormat('en-US');

/** Seconds since epoch (SNS timestamps) as Date.toLocaleString() writes them. */
export const formatSeconds = (seconds: bigint): string => DATE_TIME.format(Number(seconds) * 1000);

/** Nanoseconds since epoch (our canisters' timestamps). */
export const formatNanos = (ns: bigint): string => DATE_TIME.format(Number(ns / 1_000_000n));

/** 1234567 → "1,234,567". */
export const groupDigits = (n: bigint): string => GROUPED.format(n);

/** A Candid variant or record key in words: "ContributorAdmitted" → "Contributor admitted", "max_models" → "Max models". */
export function enumWords(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
