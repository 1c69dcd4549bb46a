import { invalidInput, limitExceeded, type GatehouseError } from './result.ts';

/** Checks a caller-supplied text: trimmed non-empty (when required) and at most `max` UTF-8 bytes. */
export function checkText(
  field: string,
  value: string,
  max: number,
  { required = true } = {},
): { Err: GatehouseError } | undefined {
  if (required && value.trim().length === 0) return invalidInput(`${field} must not be empty`);
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > max) return limitExceeded(`${field} is ${bytes} bytes; the limit is ${max}`);
  return undefined;
}

/** Checks a caller-supplied list length. */
export function checkCount(field: string, count: number, max: number): { Err: GatehouseError } | undefined {
  return count > max ? limitExceeded(`${field} has ${count} entries; the limit is ${max}`) : undefined;
}

/** First error among several checks, or undefined when all passed. */
export function firstError(...checks: Array<{ Err: GatehouseError } | undefined>): { Err: GatehouseError } | undefined {
  return checks.find((check) => check !== undefined);
}

/**
 * Checks each field named in `ranges` lies within its inclusive [min, max] (integers only). Every
 * canister's governable parameters are validated this way, so a proposal's error reads the same everywhere.
 */
export function checkRanges<P extends object>(
  params: P,
  ranges: { readonly [K in keyof P]?: readonly [number, number] | readonly [bigint, bigint] },
): { Err: GatehouseError } | undefined {
  for (const [field, range] of Object.entries(ranges) as Array<[string, readonly [number | bigint, number | bigint]]>) {
    const value = (params as Record<string, unknown>)[field];
    const [min, max] = range;
    const integral = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    if (!integral || (value as number | bigint) < min || (value as number | bigint) > max) {
      return invalidInput(`${field} is ${String(value)}; it must be between ${min} and ${max}`);
    }
  }
  return undefined;
}

type Ranges = ReadonlyArray<readonly [number, number]>;

/**
 * Code points that let a text forge or reorder what a voter or a terminal shows: C0/C1 controls (escape
 * sequences, newlines), DEL, bidi marks, embeddings, overrides and isolates, line and paragraph separators.
 */
const UNSAFE: Ranges = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x61c, 0x61c],
  [0x200e, 0x200f],
  [0x2028, 0x202e],
  [0x2066, 0x2069],
];
/** Code points that display as nothing: a text made only of these and white space looks empty. */
const INVISIBLE: Ranges = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200d],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
const within = (ranges: Ranges, code: number) => ranges.some(([from, to]) => code >= from && code <= to);

/**
 * Checks text that reaches a voter or a terminal (names, reasons, model names, motivations): the limits
 * of checkText, no control or bidi characters (multi-line text may hold newlines and tabs), and, when
 * required, at least one visible character.
 */
export function checkSafeText(
  field: string,
  value: string,
  max: number,
  { required = true, multiline = false } = {},
): { Err: GatehouseError } | undefined {
  const sized = checkText(field, value, max, { required });
  if (sized) return sized;
  let visible = false;
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (within(UNSAFE, code) && !(multiline && (char === '\n' || char === '\t'))) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      return invalidInput(`${field} must not contain control or bidi characters (U+${hex})`);
    }
    if (!visible && !within(INVISIBLE, code) && char.trim() !== '') visible = true;
  }
  return required && !visible ? invalidInput(`${field} must not be empty`) : undefined;
}
