import type { PrincipalText } from '../../shared/domain/principal.ts';
import { unauthorized, type GatehouseError } from '../../shared/domain/result.ts';
import { readMeta, type RegistryStores } from './stores.ts';

export function requireGovernance(stores: RegistryStores, caller: PrincipalText): { Err: GatehouseError } | undefined {
  return caller === readMeta(stores).governance ? undefined : unauthorized('only SNS governance may call this method');
}

export function requireInvitation(stores: RegistryStores, caller: PrincipalText): { Err: GatehouseError } | undefined {
  return caller === readMeta(stores).invitation
    ? undefined
    : unauthorized('only the invitation canister may call this method');
}
