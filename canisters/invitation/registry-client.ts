/** The registry methods the invitation canister calls, typed by the registry's own interface. */
import type { Idl } from '../shared/idl.ts';
import type { GatehouseError } from '../shared/domain/result.ts';
import { registryTypes, type Role } from '../registry/interface.ts';
import type { MemberRole } from './domain/types.ts';

export type { AdmitContributorArgs, Role as CandidRole } from '../registry/interface.ts';

export function registryClientTypes(IDL: Idl) {
  const R = registryTypes(IDL);
  return {
    HardwareProfile: R.HardwareProfile,
    NodeProviderSet: R.NodeProviderSet,
    role_of: { args: [IDL.Principal], ret: R.Role },
    admit_contributor: { args: [R.AdmitContributorArgs], ret: R.result(R.Contributor) },
    check_admission: { args: [R.AdmitContributorArgs], ret: R.result(IDL.Text) },
  };
}

/** We only need Ok vs Err of admit_contributor; the Contributor record is not read. */
export type AdmitContributorResult = { Ok: unknown } | { Err: GatehouseError };

export function roleFromCandid(role: Role): MemberRole {
  return 'Worker' in role
    ? { Worker: { contributor: role.Worker.contributor.toText(), active: role.Worker.active } }
    : role;
}
