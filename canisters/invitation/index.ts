import '../shared/install-utf8.ts';
import {
  call,
  canisterSelf,
  clearTimer,
  IDL,
  init,
  inspectMessage,
  msgArgData,
  msgCaller,
  msgMethodName,
  postUpgrade,
  Principal,
  setTimerInterval,
  time,
  trap,
} from 'azle';

import { query, update } from '../shared/candid-methods.ts';
import { serviceArgs } from '../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../shared/domain/inspect.ts';
import { mapPage } from '../shared/domain/paging.ts';
import { describeError, toValidation, type Result } from '../shared/domain/result.ts';
import { governanceTarget } from '../shared/governance-target.ts';
import { validatorWindow } from '../shared/domain/rate-window.ts';
import { StableStore } from '../shared/stable-store.ts';
import { readUpgradeArgs } from '../shared/upgrade-args.ts';
import { configFromInit, listFilter, nominateInput, nominationToCandid, opt } from './converters.ts';
import type { admissionOf } from './domain/admit.ts';
import type { AdmitPayload } from './domain/admit-payload.ts';
import { admitFlow, linkProposalFlow, nominateFlow, reconcileFlow, validateAdmitFlow } from './domain/flows.ts';
import { invitationIngressRules } from './domain/ingress.ts';
import { initialize, upgradeInvitation } from './domain/init.ts';
import { applyNodeProviders } from './domain/node-providers.ts';
import type { InvitationEnv } from './domain/ports.ts';
import { listNominations, stats } from './domain/queries.ts';
import { setParams, validateSetParams, type SetInvitationParams } from './domain/set-params.ts';
import { findNomination, paramsCell, readConfig, type InvitationStores } from './domain/stores.ts';
import { withdraw } from './domain/withdraw.ts';
import {
  invitationTypes,
  type InvitationLifecycleArgs,
  type LinkProposalArgs,
  type ListNominationsArgs,
  type NominateArgs,
  type NodeProviderSet,
} from './interface.ts';
import { MEMORY } from './memory.ts';
import { registryClientTypes, roleFromCandid, type CandidRole } from './registry-client.ts';
import {
  getProposalArgs,
  snsGovernanceTypes,
  toProposalLookup,
  type GetProposalResponseValue,
} from './sns-governance.ts';

const T = invitationTypes(IDL);
/** What inspect_message holds each message's Candid header to: the argument types of the method. */
const SIGNATURES = serviceArgs(T.service);
const R = registryClientTypes(IDL);
const G = snsGovernanceTypes(IDL);

const stores: InvitationStores = {
  config: new StableStore(MEMORY.config),
  params: new StableStore(MEMORY.params),
  meta: new StableStore(MEMORY.meta),
  nominations: new StableStore(MEMORY.nominations),
  openIds: new StableStore(MEMORY.openIds),
  openByCandidate: new StableStore(MEMORY.openByCandidate),
  openCountByProvider: new StableStore(MEMORY.openCountByProvider),
  nodeProviders: new StableStore(MEMORY.nodeProviders),
};

const env: InvitationEnv = {
  stores,
  clock: time,
  log: (message) => console.log(message),
  validations: validatorWindow(),
  registry: {
    roleOf: async (principal) =>
      roleFromCandid(
        await call<[Principal], CandidRole>(readConfig(stores).registry, 'role_of', {
          paramIdlTypes: R.role_of.args,
          returnIdlType: R.role_of.ret,
          args: [Principal.fromText(principal)],
        }),
      ),
    admitContributor: (a) =>
      call(readConfig(stores).registry, 'admit_contributor', {
        paramIdlTypes: R.admit_contributor.args,
        returnIdlType: R.admit_contributor.ret,
        args: [admissionToCandid(a)],
      }),
    checkAdmission: (a) =>
      call(readConfig(stores).registry, 'check_admission', {
        paramIdlTypes: R.check_admission.args,
        returnIdlType: R.check_admission.ret,
        args: [admissionToCandid(a)],
      }),
  },
  governance: {
    getProposal: async (proposalId) =>
      toProposalLookup(
        proposalId,
        await call<unknown[], GetProposalResponseValue>(readConfig(stores).governance, 'get_proposal', {
          paramIdlTypes: G.get_proposal.args,
          returnIdlType: G.get_proposal.ret,
          args: [getProposalArgs(proposalId)],
        }),
      ),
  },
};

let reconcileTimer: bigint | undefined;

function startReconcileTimer(): void {
  if (reconcileTimer !== undefined) clearTimer(reconcileTimer);
  const seconds = Number(paramsCell(stores).get().reconcile_interval_seconds);
  reconcileTimer = setTimerInterval(seconds, async () => {
    await reconcileFlow(env);
  });
}

const caller = () => msgCaller().toText();
const admissionToCandid = (a: ReturnType<typeof admissionOf>) => ({
  ...a,
  contributor: Principal.fromText(a.contributor),
  sponsor: Principal.fromText(a.sponsor),
});
/** admit and set_params are governance targets: a proposal that cannot apply traps (see governance-target.ts). */
const governed = <R extends Result<unknown>>(result: R, action: string): R =>
  governanceTarget(result, readConfig(stores).governance, action);

export default class {
  @init([T.LifecycleArgs])
  init(args: InvitationLifecycleArgs): void {
    if (!('Init' in args)) trap('invitation install: pass variant { Init = … }');
    const result = initialize(stores, configFromInit(args.Init), args.Init.params[0]);
    if ('Err' in result) trap(`invalid init args: ${JSON.stringify(result.Err)}`);
    startReconcileTimer();
  }

  // manual: an upgrade may come with no argument at all (see shared/upgrade-args.ts).
  @postUpgrade([T.LifecycleArgs], { manual: true })
  postUpgrade(): void {
    const result = upgradeInvitation(stores, readUpgradeArgs(T.LifecycleArgs, 'invitation'), canisterSelf().toText());
    if ('Err' in result) trap(`invitation upgrade: ${describeError(result.Err)}`);
    startReconcileTimer();
  }

  // manual: azle must not decode the argument; the rules look at its raw bytes first (domain/ingress.ts).
  @inspectMessage({ manual: true })
  inspectMessage(): boolean {
    return (
      ingressRefusal(invitationIngressRules(stores), SIGNATURES, msgMethodName(), caller(), msgArgData()) === undefined
    );
  }

  @update([T.NominateArgs], T.NominationResult)
  async nominate(args: NominateArgs) {
    const result = await nominateFlow(env, caller(), nominateInput(args));
    return 'Ok' in result ? { Ok: nominationToCandid(result.Ok) } : result;
  }

  @update([IDL.Nat64], T.UnitResult)
  withdraw(nominationId: bigint) {
    return withdraw(stores, time(), caller(), nominationId);
  }

  @update([T.LinkProposalArgs], T.NominationResult)
  async link_proposal(args: LinkProposalArgs) {
    const result = await linkProposalFlow(env, caller(), args);
    return 'Ok' in result ? { Ok: nominationToCandid(result.Ok) } : result;
  }

  @update([T.AdmitPayload], T.ValidationResult)
  async validate_admit(payload: AdmitPayload) {
    return toValidation(await validateAdmitFlow(env, caller(), payload));
  }

  @update([T.AdmitPayload], T.result(IDL.Principal))
  async admit(payload: AdmitPayload) {
    const result = governed(await admitFlow(env, caller(), payload), `admit of nomination ${payload.nomination_id}`);
    return 'Ok' in result ? { Ok: Principal.fromText(result.Ok) } : result;
  }

  @update([T.SetInvitationParams], T.ValidationResult)
  validate_set_params(args: SetInvitationParams) {
    return toValidation(validateSetParams(stores, caller(), time(), env.validations, args));
  }

  @update([T.SetInvitationParams], T.UnitResult)
  set_params(args: SetInvitationParams) {
    const result = governed(setParams(stores, caller(), args), 'set_params');
    if ('Ok' in result) startReconcileTimer();
    return result;
  }

  @update([], T.result(T.ReconcileReport))
  async reconcile() {
    return reconcileFlow(env, caller());
  }

  @update([T.NodeProviderSet], T.result(IDL.Nat64))
  apply_node_providers(set: NodeProviderSet) {
    return applyNodeProviders(stores, caller(), {
      version: set.version,
      node_providers: set.node_providers.map((id) => id.toText()),
    });
  }

  @query([IDL.Nat64], IDL.Opt(T.Nomination))
  get_nomination(id: bigint) {
    const nomination = findNomination(stores, id);
    return opt(nomination && nominationToCandid(nomination));
  }

  @query([T.ListNominationsArgs], T.page(T.Nomination))
  list_nominations(args: ListNominationsArgs) {
    return mapPage(listNominations(stores, listFilter(args)), nominationToCandid);
  }

  @query([], T.InvitationParams)
  get_params() {
    return paramsCell(stores).get();
  }

  @query([], T.Stats)
  stats() {
    return stats(stores);
  }
}
