import { IDL, msgArgData, trap } from 'azle';

import type { PrincipalText } from './domain/principal.ts';
import type { LifecycleArgs } from './idl.ts';

/** `()` as Candid bytes: "DIDL", no types, no values. */
const EMPTY_TUPLE = [0x44, 0x49, 0x44, 0x4c, 0x00, 0x00];

/**
 * post_upgrade's argument, decoded by hand (the method is `manual`): an SNS upgrade proposal without an argument
 * installs with empty bytes, which azle's own decoding would trap on. No bytes or `()` mean no change.
 */
export function readUpgradeArgs(
  lifecycle: IDL.Type,
  canister: string,
): Record<string, PrincipalText | undefined> | undefined {
  const bytes = msgArgData();
  if (bytes.length === 0 || (bytes.length === EMPTY_TUPLE.length && bytes.every((b, i) => b === EMPTY_TUPLE[i])))
    return undefined;
  let args: LifecycleArgs<unknown>;
  try {
    [args] = IDL.decode([lifecycle], bytes) as [LifecycleArgs<unknown>];
  } catch (error) {
    trap(`${canister} upgrade: the argument is not this canister's LifecycleArgs (${(error as Error).message})`);
  }
  if ('Init' in args) trap(`${canister} upgrade: pass variant { Upgrade = … }; Init is for install only`);
  const fields = args.Upgrade[0];
  return fields && Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value[0]?.toText()]));
}
