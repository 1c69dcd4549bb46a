import { callerIsGovernance } from '../../shared/domain/guards.ts';
import { validatorCaller } from '../../shared/domain/rate-window.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { err, ok, unauthorized, unavailable, type GatehouseError, type Result } from '../../shared/domain/result.ts';
import { admissionOf, checkAdmissible, markAdmitted } from './admit.ts';
import type { AdmitPayload } from './admit-payload.ts';
import { linkProposal, precheckLink, type LinkProposalInput } from './link-proposal.ts';
import { nominate, precheckNominate, type NominateInput } from './nominate.ts';
import { knownNodeProvider } from './node-providers.ts';
import { reason, type InvitationEnv } from './ports.ts';
import type { ProposalLookup } from './proposal.ts';
import { applyReconciliation, decideReconciliation } from './reconcile.ts';
import { canReconcile, emptyReport, finishBatch, nextBatch, tally, type ReconcileReport } from './reconcile-batch.ts';
import { renderAdmission } from './render.ts';
import { readConfig } from './stores.ts';
import type { MemberRole, Nomination } from './types.ts';

// Every flow does its registry/governance calls first and writes only after the last await, so a
// failed call leaves nothing behind (state written before an await is committed at the await).

export async function nominateFlow(
  env: InvitationEnv,
  caller: PrincipalText,
  input: NominateInput,
): Promise<Result<Nomination>> {
  const early = precheckNominate(env.stores, caller, input);
  if (early) return early;
  // From the set the registry pushed: a stranger costs no call. The registry's answer below stays the authority.
  if (!knownNodeProvider(env.stores, caller)) return unauthorized('only node providers can nominate');
  let roles: [MemberRole, MemberRole];
  try {
    roles = await Promise.all([env.registry.roleOf(caller), env.registry.roleOf(input.candidate)]);
  } catch (error) {
    return unavailable(`registry unreachable: ${reason(error)}`);
  }
  return nominate(env.stores, env.clock(), caller, roles[0], roles[1], input);
}

export async function linkProposalFlow(
  env: InvitationEnv,
  caller: PrincipalText,
  input: LinkProposalInput,
): Promise<Result<Nomination>> {
  const early = precheckLink(env.stores, env.clock(), caller, input);
  if ('Err' in early) return early;
  const lookup = await lookupProposal(env, input.proposal_id);
  return linkProposal(env.stores, env.clock(), caller, input, lookup);
}

/**
 * validate_admit: changes nothing; Ok is the text token holders vote on. SNS governance is always answered,
 * others (a CLI preview) within the validators' budget, since each answer costs a registry call.
 * The registry checks the admission against its own roles and limits (a removed sponsor, a candidate
 * who became a member or a key, a full registry, a name over its limit), so an adopted proposal does
 * not fail on them.
 */
export async function validateAdmitFlow(
  env: InvitationEnv,
  caller: PrincipalText,
  payload: AdmitPayload,
): Promise<Result<string>> {
  const denied = validatorCaller(caller, readConfig(env.stores).governance, env.validations, env.clock());
  if (denied) return denied;
  const early = checkAdmissible(env.stores, env.clock(), payload.nomination_id, 'validate');
  if ('Err' in early) return early;
  let answer: Result<string>;
  try {
    answer = await env.registry.checkAdmission(admissionOf(early.Ok));
  } catch (error) {
    return unavailable(`registry unreachable: ${reason(error)}`);
  }
  if ('Err' in answer) return err(prefixed('the registry would refuse the admission: ', answer.Err));
  const checked = checkAdmissible(env.stores, env.clock(), payload.nomination_id, 'validate');
  return 'Err' in checked ? checked : ok(renderAdmission(checked.Ok));
}

/** admit: the Err of a governance call must become a trap in index.ts (see there). */
export async function admitFlow(
  env: InvitationEnv,
  caller: PrincipalText,
  payload: AdmitPayload,
): Promise<Result<PrincipalText>> {
  const denied = callerIsGovernance(caller, readConfig(env.stores).governance);
  if (denied) return denied;
  const checked = checkAdmissible(env.stores, env.clock(), payload.nomination_id, 'execute');
  if ('Err' in checked) return checked;
  let answer: Result<unknown>;
  try {
    answer = await env.registry.admitContributor(admissionOf(checked.Ok));
  } catch (error) {
    return unavailable(`registry unreachable: ${reason(error)}`);
  }
  if ('Err' in answer) return err(prefixed('registry refused the admission: ', answer.Err));
  const admitted = markAdmitted(env.stores, env.clock(), payload.nomination_id);
  return 'Err' in admitted ? admitted : ok(admitted.Ok.candidate);
}

/** One bounded reconcile run; `caller` undefined means the canister's own timer. */
export async function reconcileFlow(env: InvitationEnv, caller?: PrincipalText): Promise<Result<ReconcileReport>> {
  if (caller !== undefined) {
    const allowed = canReconcile(env.stores, caller, env.clock());
    if ('Err' in allowed) return allowed;
  }
  const report = emptyReport();
  const { start, batch } = nextBatch(env.stores, env.clock(), caller !== undefined);
  for (const nomination of batch) {
    const lookup = nomination.proposal_id === undefined ? undefined : await lookupProposal(env, nomination.proposal_id);
    const action = decideReconciliation(nomination, env.clock(), lookup);
    if ('ExecutedStillOpen' in action) env.log(`reconcile: ${action.ExecutedStillOpen}; left unchanged`);
    const applied = applyReconciliation(env.stores, env.clock(), nomination, action) !== undefined;
    tally(report, action, applied);
  }
  finishBatch(env.stores, start, report.examined, report.expired + report.rejected);
  return ok(report);
}

async function lookupProposal(env: InvitationEnv, proposalId: bigint): Promise<ProposalLookup> {
  try {
    return await env.governance.getProposal(proposalId);
  } catch (error) {
    return { Unavailable: reason(error) };
  }
}

function prefixed(prefix: string, error: GatehouseError): GatehouseError {
  const [kind, message] = Object.entries(error)[0] as [keyof GatehouseError, string];
  return { [kind]: prefix + message } as GatehouseError;
}
