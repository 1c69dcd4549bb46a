/**
 * A generic function's payload is a complete Candid message with one value of the function's payload
 * type: SNS governance hands these exact bytes to the validator and, once adopted, to the target.
 */
import { IDL } from '@icp-sdk/core/candid';

import type { GenericFunctionSpec } from './generic-functions.ts';

export function encodePayload(fn: Pick<GenericFunctionSpec, 'payload'>, value: unknown): Uint8Array {
  return new Uint8Array(IDL.encode([fn.payload], [value]));
}

/** Throws when the bytes are not exactly one value of the function's payload type. */
export function decodePayload<T = unknown>(fn: Pick<GenericFunctionSpec, 'payload'>, bytes: Uint8Array | number[]): T {
  // Copy: IDL.decode may read a view from its buffer's start, ignoring byteOffset (@dfinity/candid 3.4 does),
  // so a Buffer slice would decode the wrong bytes.
  const [value] = IDL.decode([fn.payload], Uint8Array.from(bytes));
  return value as T;
}

/** The payload as Candid text, e.g. `record { nomination_id = 3 }`. */
export function payloadText(fn: Pick<GenericFunctionSpec, 'payload'>, value: unknown): string {
  return fn.payload.valueToString(value);
}
