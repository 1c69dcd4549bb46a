import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, limitExceeded, notFound, ok, type Result } from '../../shared/domain/result.ts';
import { callerIsInvitation } from '../../shared/domain/guards.ts';
import { firstError } from '../../shared/domain/validate.ts';
import { appendEvent } from './events.ts';
import { checkDisplayName, checkHardware, checkModels, checkPrincipal } from './input-checks.ts';
import { quoted } from './render.ts';
import { identityTaken } from './role-of.ts';
import { moveSponsored } from './sponsor-figures.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { Contributor, HardwareProfile } from './types.ts';

export interface AdmitContributor {
  contributor: PrincipalText;
  display_name: string;
  sponsor: PrincipalText;
  proposal_id: bigint;
  hardware: HardwareProfile;
  models: string[];
}

/**
 * Whether `args` can be admitted now, with the text voters read: the registry's own limits and roles,
 * so invitation's validator can refuse a proposal that would fail at execution. Changes nothing.
 */
export function planAdmission(stores: RegistryStores, args: AdmitContributor): Result<string> {
  const { params } = readMeta(stores);
  const inputError = firstError(
    checkPrincipal('contributor', args.contributor),
    checkDisplayName(params, args.display_name),
    checkHardware(params, args.hardware),
    checkModels(params, args.models),
  );
  if (inputError) return inputError;
  const sponsor = stores.nodeProviders.get(args.sponsor);
  if (sponsor === undefined) return notFound(`sponsor ${args.sponsor} is not a node provider`);
  if (!sponsor.active) return conflict(`sponsor ${args.sponsor} was removed as a node provider`);

  const previous = stores.contributors.get(args.contributor);
  if (previous !== undefined && previous.status !== 'Removed') {
    return conflict(`${args.contributor} is already a contributor (${previous.status})`);
  }
  if (previous === undefined) {
    const taken = identityTaken(stores, args.contributor);
    if (taken) return conflict(`${args.contributor} ${taken}`);
    if (stores.contributors.size() >= params.max_contributors) {
      return limitExceeded(`the registry already holds ${params.max_contributors} contributors`);
    }
  }
  return ok(
    `${previous ? 'Re-admit' : 'Admit'} ${quoted(args.display_name)} (${args.contributor}) sponsored by ` +
      `${quoted(sponsor.display_name)} (${args.sponsor}).`,
  );
}

/** check_admission: invitation's validate_admit asks before a proposal is made. Changes nothing. */
export function checkAdmission(stores: RegistryStores, caller: PrincipalText, args: AdmitContributor): Result<string> {
  return callerIsInvitation(caller, readMeta(stores).invitation) ?? planAdmission(stores, args);
}

/**
 * Admits a contributor after an adopted proposal (called by the invitation canister). A Removed
 * contributor may come back with a new sponsor and proposal; any other existing identity conflicts.
 */
export function admitContributor(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  args: AdmitContributor,
): Result<Contributor> {
  const denied = callerIsInvitation(caller, readMeta(stores).invitation);
  if (denied) return denied;
  const planned = planAdmission(stores, args);
  if ('Err' in planned) return planned;
  const previous = stores.contributors.get(args.contributor);

  const contributor: Contributor = {
    id: args.contributor,
    display_name: args.display_name,
    sponsor: args.sponsor,
    proposal_id: args.proposal_id,
    status: 'Active',
    hardware: args.hardware,
    models: args.models,
    worker_keys: [],
    admitted_at: now,
    updated_at: now,
    status_reason: undefined,
    key_binds: { window_start: now, count: 0 },
  };
  stores.contributors.set(contributor.id, contributor);
  if (previous) moveSponsored(stores, previous.sponsor, 'Removed', undefined);
  moveSponsored(stores, args.sponsor, undefined, 'Active');
  appendEvent(stores, {
    kind: 'ContributorAdmitted',
    subject: contributor.id,
    actor: caller,
    proposal_id: args.proposal_id,
    time: now,
    detail: `${previous ? 'Re-admitted' : 'Admitted'} ${JSON.stringify(args.display_name)} sponsored by ${args.sponsor}`,
  });
  return ok(contributor);
}
