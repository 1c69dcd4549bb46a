import { IDL } from '@dfinity/candid';

/** AdmitPayload = record { nomination_id : nat64 }: the generic function's payload (invitation owns it). */
export const AdmitPayloadIdl = IDL.Record({ nomination_id: IDL.Nat64 });

export interface AdmitPayload {
  nomination_id: bigint;
}

/** Decodes a proposal's raw payload (a complete Candid message); undefined when it is not an AdmitPayload. */
export function decodeAdmitPayload(bytes: Uint8Array): AdmitPayload | undefined {
  try {
    // @dfinity/candid ignores a view's byteOffset, so decode from a fresh copy.
    const [value] = IDL.decode([AdmitPayloadIdl], new Uint8Array(bytes));
    return { nomination_id: (value as unknown as AdmitPayload).nomination_id };
  } catch {
    return undefined;
  }
}

export function encodeAdmitPayload(payload: AdmitPayload): Uint8Array {
  return new Uint8Array(IDL.encode([AdmitPayloadIdl], [payload]));
}
