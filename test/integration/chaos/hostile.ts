/**
 * Hostile arguments for every method of every project canister, sent over HTTP as ingress. The method list
 * comes from each canister's interface.ts, so a method added later is attacked too.
 */
import { IDL } from '@dfinity/candid';
import { isV2ResponseBody, type HttpAgent } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';

import { invitationTypes } from '../../../canisters/invitation/interface.ts';
import { llmTypes } from '../../../canisters/llm/interface.ts';
import { queueTypes } from '../../../canisters/queue/interface.ts';
import { registryTypes } from '../../../canisters/registry/interface.ts';

export type ProjectCanister = 'registry' | 'invitation' | 'queue' | 'llm';

const SERVICES: Record<ProjectCanister, IDL.ServiceClass> = {
  registry: registryTypes(IDL).service,
  invitation: invitationTypes(IDL).service,
  queue: queueTypes(IDL).service,
  llm: llmTypes(IDL).service,
};

/** Every (canister, method) pair the canisters' Candid services declare, queries included. */
export const everyMethod = (): Array<[ProjectCanister, string]> =>
  (Object.keys(SERVICES) as ProjectCanister[]).flatMap((canister) =>
    SERVICES[canister]._fields.map(([method]): [ProjectCanister, string] => [canister, method]),
  );

const leb128 = (n: number): number[] => {
  const out: number[] = [];
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? low | 0x80 : low);
  } while (n > 0);
  return out;
};
const MAGIC = [...new TextEncoder().encode('DIDL')];
const VEC = 0x6d;
const OPT = 0x6e;
const NULL = 0x7f;

/**
 * What an attacker sends: far more text than any method takes (under the 2 MiB ingress limit), a vector
 * claiming 10^9 zero-sized elements in a handful of bytes, and a self-recursive opt nested 100 000 deep.
 */
export const HOSTILE: Record<string, Uint8Array> = {
  'text of 1.9 MB': new Uint8Array(IDL.encode([IDL.Text], ['x'.repeat(1_900_000)])),
  'vec null of 10^9': Uint8Array.from([...MAGIC, 1, VEC, NULL, 1, 0, ...leb128(1e9)]),
  'opt nested 100 000 deep': Uint8Array.from([...MAGIC, 1, OPT, 0, 1, 0, ...new Array<number>(100_000).fill(1), 0]),
};

/**
 * Sends `arg` to `method` as an ingress update over HTTP: the replica's error code when it was refused
 * before execution (IC0406: by canister_inspect_message), or 'accepted' when the canister ran it.
 */
export async function sendRaw(agent: HttpAgent, canister: Principal, method: string, arg: Uint8Array) {
  const { response } = await agent.call(canister, { methodName: method, arg, effectiveCanisterId: canister });
  return isV2ResponseBody(response.body) ? (response.body.error_code ?? 'rejected') : 'accepted';
}
