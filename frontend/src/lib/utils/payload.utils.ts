/**
 * A generic function proposal's payload for people: the manifest entry (from clients/) and the decoded value as
 * labelled fields, so a voter never reads Candid bytes. Anything that does not decode says so instead.
 */
import { decodePayload, functionById, type GenericFunctionSpec } from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';

import { enumWords } from './format.utils.ts';

export interface DecodedPayload {
  fn: GenericFunctionSpec;
  value: unknown;
  fields: Array<{ label: string; text: string }>;
}

export type PayloadReading =
  | { kind: 'ours'; decoded: DecodedPayload }
  | { kind: 'undecodable'; fn: GenericFunctionSpec; error: string }
  | { kind: 'foreign' };

/** Duck-typed: a decoder may hand out another copy's Principal class. */
const isPrincipal = (v: unknown): v is Principal =>
  typeof v === 'object' && v !== null && (v as { _isPrincipal?: boolean })._isPrincipal === true;

/** One value as text: principals as text, numbers plain, options as their value or "none", variants by name. */
export function readable(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (isPrincipal(value)) return value.toText();
  if (value instanceof Uint8Array) return `0x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(readable).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![1] === null) return enumWords(entries[0]![0]);
  return entries.map(([k, v]) => `${enumWords(k)}: ${readable(v)}`).join('; ');
}

export function readPayload(functionId: bigint, payload: Uint8Array): PayloadReading {
  const fn = functionById(functionId);
  if (!fn) return { kind: 'foreign' };
  try {
    const value = decodePayload(fn, payload);
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) && !isPrincipal(value);
    const fields = record
      ? Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ label: enumWords(k), text: readable(v) }))
      : [{ label: 'Value', text: readable(value) }];
    return { kind: 'ours', decoded: { fn, value, fields } };
  } catch (error) {
    return { kind: 'undecodable', fn, error: error instanceof Error ? error.message : String(error) };
  }
}
