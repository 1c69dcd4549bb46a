import { call, IDL } from 'azle';

import { describeThrown } from './call-errors.ts';
import type { ValidatorAnswer } from './domain/flows.ts';

/** Raw inter-canister calls of generic functions: the payload bytes go as they are (a complete Candid message). */
const ValidatorResult = IDL.Variant({ Ok: IDL.Text, Err: IDL.Text });

export async function callValidator(canister: string, method: string, payload: Uint8Array): Promise<ValidatorAnswer> {
  let reply: Uint8Array;
  try {
    reply = await call<Uint8Array, Uint8Array>(canister, method, { args: payload, raw: true });
  } catch (error) {
    return { CallFailed: describeThrown(error) };
  }
  try {
    return IDL.decode([ValidatorResult], reply.slice())[0] as unknown as { Ok: string } | { Err: string };
  } catch (error) {
    return { Undecodable: describeThrown(error) };
  }
}

export async function callTarget(canister: string, method: string, payload: Uint8Array): Promise<string | undefined> {
  try {
    await call<Uint8Array, Uint8Array>(canister, method, { args: payload, raw: true });
    return undefined;
  } catch (error) {
    return describeThrown(error);
  }
}
