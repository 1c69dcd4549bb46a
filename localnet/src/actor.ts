/** A typed actor over the programmatic API: encodes/decodes with an `({ IDL }) => IDL.Service` factory. */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@icp-sdk/core/principal';

import { copy } from './candid.ts';
import { CallRejectedError, type CallResult } from './reject.ts';

/** An `({ IDL }) => IDL.Service` factory, typed against either Candid library. */
export type IdlFactory = (arg: { IDL: any }) => unknown;

type Call = (id: Principal, method: string, arg: Uint8Array) => Promise<CallResult>;

/** Query and composite_query methods go through `query`, the others through `update`; rejects throw CallRejectedError. */
export function makeActor<T>(id: Principal, idlFactory: IdlFactory, calls: { query: Call; update: Call }): T {
  // Factories typed against @icp-sdk/core's or @dfinity/candid's IDL both work: they get @dfinity/candid's.
  const service = (idlFactory as (arg: { IDL: typeof IDL }) => IDL.ServiceClass)({ IDL });
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, func] of service._fields) {
    const isQuery = func.annotations.includes('query') || func.annotations.includes('composite_query');
    const call = isQuery ? calls.query : calls.update;
    out[name] = async (...args: unknown[]) => {
      const r = await call(id, name, new Uint8Array(IDL.encode(func.argTypes, args)));
      if ('reject' in r) throw new CallRejectedError(r.reject);
      const decoded = IDL.decode(func.retTypes, copy(r.reply));
      return decoded.length === 0 ? undefined : decoded.length === 1 ? decoded[0] : decoded;
    };
  }
  return out as T;
}
