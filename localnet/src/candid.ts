/** Small Candid and principal helpers shared by the management canister, its client and the actor. */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { CallRejectedError, type CallResult } from './reject.ts';

export function emptyArgs(): Uint8Array {
  return new Uint8Array(IDL.encode([], []));
}

/** @dfinity/candid 3.4's IDL.decode ignores byteOffset: always hand it a fresh buffer. */
export function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** The reply of a call, or a CallRejectedError. */
export function expectReply(r: CallResult): Uint8Array {
  if ('reject' in r) throw new CallRejectedError(r.reject);
  return r.reply;
}

/** A principal decoded by either Candid library, as this package's Principal. */
export function toPrincipal(p: { toUint8Array(): Uint8Array }): Principal {
  return Principal.fromUint8Array(p.toUint8Array());
}

/** A reply carrying `values` encoded as `types`. */
export function replyWith(types: IDL.Type[] = [], values: unknown[] = []): { reply: Uint8Array } {
  return { reply: new Uint8Array(IDL.encode(types, values)) };
}
