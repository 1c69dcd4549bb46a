/** create_canister / provisional_create_canister_with_cycles: a new empty canister, at a specified id if asked. */
import type { Principal } from '@icp-sdk/core/principal';

import { replyWith, toPrincipal } from '../candid.ts';
import { DEFAULT_SETTINGS, newCanister, SETTING_KEYS, type CanisterSettings } from '../canister.ts';
import type { Network } from '../network.ts';
import { RejectCode, rejectOf, type CallResult } from '../reject.ts';
import * as M from './idl.ts';

export const MAX_CONTROLLERS = 10;
export const tooManyControllers = () =>
  rejectOf(RejectCode.CANISTER_REJECT, `A canister can have at most ${MAX_CONTROLLERS} controllers`, 'IC0503');

/** The settings a create or update_settings argument sets (Candid `opt` values), over `base`. */
export function withSettings(base: CanisterSettings, s: Record<string, any> | undefined): CanisterSettings {
  const out = { ...base };
  for (const key of SETTING_KEYS) if (s?.[key]?.[0] !== undefined) out[key] = BigInt(s[key][0]);
  for (const key of ['log_visibility', 'snapshot_visibility', 'status_visibility'] as const) {
    const v = s?.[key]?.[0];
    if (v)
      out[key] =
        'allowed_viewers' in v
          ? { allowed_viewers: v.allowed_viewers.map((p: Principal) => toPrincipal(p).toText()) }
          : v;
  }
  if (s?.environment_variables?.[0]) out.environment_variables = s.environment_variables[0];
  return out;
}

export function createCanister(net: Network, arg: any, caller: Principal, cycles: bigint): CallResult {
  const settings = arg.settings[0];
  const controllers: Principal[] = settings?.controllers?.[0]?.map(toPrincipal) ?? [caller];
  if (controllers.length > MAX_CONTROLLERS) return tooManyControllers();
  let id: Principal;
  if (arg.specified_id?.[0]) {
    id = toPrincipal(arg.specified_id[0]);
    if (net.canisters.has(id.toText()))
      return rejectOf(RejectCode.CANISTER_REJECT, `Canister ${id.toText()} already exists`, 'IC0503');
  } else id = net.allocateId();
  net.canisters.set(
    id.toText(),
    newCanister(id, {
      controllers,
      status: 'running',
      balance: cycles,
      version: 0n,
      globalTimer: 0n,
      certifiedData: new Uint8Array(0),
      settings: withSettings(DEFAULT_SETTINGS, settings),
    }),
  );
  return replyWith([M.CreateCanisterResult], [{ canister_id: id }]);
}
