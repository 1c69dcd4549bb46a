/**
 * A generic function's payload is a complete Candid message with one value of the function's payload
 * type: SNS governance hands these exact bytes to the validator and, once adopted, to the target.
 */
import { IDL } from '@icp-sdk/core/candid';

import type { GenericFunctionSpec } from './functions.ts';

export function encodePayload(fn: Pick<GenericFunctionSpec, 'payload'>, value: unknown): Uint8Array {
  return new Uint8Array(IDL.encode([fn.payload], [value]));
}

/** Throws when the bytes are not exactly one value of the function's payload type. */
export function decodePayload<T = unknown>(fn: Pick<GenericFunctionSpec, 'payload'>, bytes: Uint8Array | number[]): T {
  // Copy: IDL.decode ignores a view's byteOffset (see DESIGN.md).
  const [value] = IDL.decode([fn.payload], Uint8Array.from(bytes));
  return value as T;
}

/** The payload as Candid text, e.g. `record { nomination_id = 3 }`. */
export function payloadText(fn: Pick<GenericFunctionSpec, 'payload'>, value: unknown): string {
  return fn.payload.valueToString(value);
}

export const toHex = (bytes: Uint8Array | number[]) => Buffer.from(Uint8Array.from(bytes)).toString('hex');

export function fromHex(hex: string): Uint8Array {
  const clean = hex.trim().replace(/^0x/i, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`not a hex string: "${hex}"`);
  return new Uint8Array(Buffer.from(clean, 'hex'));
}
