import { call, IDL, Principal } from 'azle';
import { install_code_args, start_canister_args, stop_canister_args } from 'azle/canisters/management/idl';

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

const MANAGEMENT = 'aaaaa-aa';

/**
 * What SNS root's change_canister does for an UpgradeSnsControlledCanister proposal: stop, install the new
 * module in upgrade mode, start. When the install fails the canister is started again on its old module.
 */
export async function upgradeCanister(
  canister: string,
  wasm: Uint8Array,
  arg: Uint8Array,
): Promise<string | undefined> {
  const canister_id = Principal.fromText(canister);
  const manage = (method: string, type: IDL.Type, value: unknown) =>
    call(MANAGEMENT, method, { paramIdlTypes: [type], args: [value] });
  try {
    await manage('stop_canister', stop_canister_args, { canister_id });
  } catch (error) {
    return `stop_canister failed: ${describeThrown(error)}`;
  }
  let failure: string | undefined;
  try {
    const mode = { upgrade: [{ skip_pre_upgrade: [], wasm_memory_persistence: [] }] };
    await manage('install_code', install_code_args, {
      mode,
      canister_id,
      wasm_module: wasm,
      arg,
      sender_canister_version: [],
    });
  } catch (error) {
    failure = `install_code failed: ${describeThrown(error)}`;
  }
  try {
    await manage('start_canister', start_canister_args, { canister_id });
  } catch (error) {
    failure = `${failure ? `${failure}; ` : ''}start_canister failed: ${describeThrown(error)}`;
  }
  return failure;
}
