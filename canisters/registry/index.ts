import '../shared/install-utf8.ts';
import {
  call,
  canisterSelf,
  IDL,
  init,
  inspectMessage,
  msgArgData,
  msgCaller,
  msgMethodName,
  postUpgrade,
  Principal,
  setTimer,
  setTimerInterval,
  time,
  trap,
} from 'azle';

import { query, update } from '../shared/candid-methods.ts';
import { serviceArgs } from '../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../shared/domain/inspect.ts';
import { mapPage, type PageRequest } from '../shared/domain/paging.ts';
import { describeError, type Result, type ValidationResult } from '../shared/domain/result.ts';
import { governanceTarget } from '../shared/governance-target.ts';
import { readUpgradeArgs } from '../shared/upgrade-args.ts';
import { validatorWindow } from '../shared/domain/rate-window.ts';
import { StableStore } from '../shared/stable-store.ts';
import {
  admitFromCandid,
  contributorToCandid,
  decisionFromCandid,
  eventToCandid,
  initFromCandid,
  membershipBatchToCandid,
  membershipToCandid,
  nodeProviderToCandid,
  opt,
  roleToCandid,
} from './converters.ts';
import { admitContributor, checkAdmission } from './domain/admit.ts';
import { reinstateContributor, removeContributor, suspendContributor } from './domain/contributor-status.ts';
import { executeAction, validateFor, type GovernanceAction } from './domain/governance-action.ts';
import { registryIngressRules } from './domain/ingress.ts';
import { initRegistry, upgradeRegistry } from './domain/init.ts';
import { pushMembership } from './domain/membership-push.ts';
import { nodeProvidersPushDue, pushNodeProviders } from './domain/node-provider-push.ts';
import { addNodeProvider, removeNodeProvider } from './domain/node-providers.ts';
import {
  getContributor,
  listContributors,
  listEvents,
  listRecentEvents,
  listMembershipOutbox,
  listNodeProviders,
  stats,
} from './domain/queries.ts';
import { roleOf } from './domain/role-of.ts';
import { setParams } from './domain/set-params.ts';
import { readMeta, type RegistryStores } from './domain/stores.ts';
import type { MembershipAck } from '../queue/domain/membership.ts';
import { acceptWorkerKey, offerWorkerKey, unbindWorkerKey } from './domain/worker-keys.ts';
import * as C from './interface.ts';
import { MEMORY } from './memory.ts';

const T = C.registryTypes(IDL);
/** What inspect_message holds each message's Candid header to: the argument types of the method. */
const SIGNATURES = serviceArgs(T.service);

const stores: RegistryStores = {
  meta: new StableStore(MEMORY.meta),
  nodeProviders: new StableStore(MEMORY.nodeProviders),
  contributors: new StableStore(MEMORY.contributors),
  workerKeys: new StableStore(MEMORY.workerKeys),
  events: new StableStore(MEMORY.events),
  outbox: new StableStore(MEMORY.outbox),
};

const caller = (): string => msgCaller().toText();
/** Validator calls by anyone but governance, bounded per minute (heap: an upgrade starts afresh). */
const validations = validatorWindow();

const PUSH_INTERVAL_SECONDS = 30;
/** A push whose reply never ran (e.g. its callback trapped) stops blocking new pushes after this. */
const STALE_PUSH_NS = 300_000_000_000n;
let pushStartedAt: bigint | undefined;

async function flushMembership(): Promise<void> {
  const now = time();
  if (pushStartedAt !== undefined && now - pushStartedAt < STALE_PUSH_NS) return;
  pushStartedAt = now;
  try {
    const report = await pushMembership(
      stores,
      (batch) =>
        call<[C.MembershipBatch], Result<MembershipAck>>(readMeta(stores).queue, 'apply_membership', {
          paramIdlTypes: T.apply_membership.args,
          returnIdlType: T.apply_membership.ret,
          args: [membershipBatchToCandid(batch)],
        }),
      now,
    );
    if (report.failure !== undefined) console.log(`registry: membership push kept for retry: ${report.failure}`);
  } finally {
    pushStartedAt = undefined;
  }
}

let nodeProvidersPushStartedAt: bigint | undefined;

/** One push in flight at a time: with the IC's in-order delivery, the last push sent is the set the invitation keeps. */
async function flushNodeProviders(): Promise<void> {
  const now = time();
  if (nodeProvidersPushStartedAt !== undefined && now - nodeProvidersPushStartedAt < STALE_PUSH_NS) return;
  if (!nodeProvidersPushDue(stores, now)) return;
  nodeProvidersPushStartedAt = now;
  try {
    // A change made while a push was in flight is sent right after it (a few rounds; the timer does the rest).
    for (let round = 0; round < 3 && nodeProvidersPushDue(stores, time()); round++) {
      const failure = await pushNodeProviders(
        stores,
        (set) =>
          call<[C.NodeProviderSet], Result<bigint>>(readMeta(stores).invitation, 'apply_node_providers', {
            paramIdlTypes: T.apply_node_providers.args,
            returnIdlType: T.apply_node_providers.ret,
            args: [{ version: set.version, node_providers: set.node_providers.map((id) => Principal.fromText(id)) }],
          }),
        time(),
      );
      if (failure === undefined) continue;
      console.log(`registry: node-provider push kept for retry: ${failure}`);
      break;
    }
  } finally {
    nodeProvidersPushStartedAt = undefined;
  }
}

/**
 * Pushes in a separate message, so a slow or failing queue never delays or fails the mutation. The
 * interval timer pushes even with nothing pending: the queue's answer shows whether it drifted.
 */
function afterMembershipChange<R extends Result<unknown>>(result: R): R {
  if ('Ok' in result && stores.outbox.size() > 0) setTimer(0, flushMembership);
  return result;
}

function startTimers(): void {
  setTimerInterval(PUSH_INTERVAL_SECONDS, async () => {
    await Promise.all([flushMembership(), flushNodeProviders()]);
  });
  // At once, so the invitation knows the node providers before the first nominate (a no-op when it does).
  setTimer(0, flushNodeProviders);
}

/** Governance-only mutations: a proposal that cannot apply traps (see governance-target.ts). */
function governed<P>(action: GovernanceAction<P>, payload: P): Result<null> {
  const result = executeAction(action, stores, caller(), time(), payload);
  if ('Ok' in result && nodeProvidersPushDue(stores, time())) setTimer(0, flushNodeProviders);
  return afterMembershipChange(governanceTarget(result, readMeta(stores).governance, 'registry: proposal'));
}

export default class {
  @init([T.LifecycleArgs])
  init(args: C.RegistryLifecycleArgs): void {
    if (!('Init' in args)) trap('registry install: pass variant { Init = … }');
    const result = initRegistry(stores, caller(), time(), initFromCandid(args.Init));
    if ('Err' in result) trap(`registry init: ${describeError(result.Err)}`);
    startTimers();
  }

  // manual: an upgrade may come with no argument at all (see shared/upgrade-args.ts).
  @postUpgrade([T.LifecycleArgs], { manual: true })
  postUpgrade(): void {
    const context = { caller: caller(), now: time(), self: canisterSelf().toText() };
    const result = upgradeRegistry(stores, readUpgradeArgs(T.LifecycleArgs, 'registry'), context);
    if ('Err' in result) trap(`registry upgrade: ${describeError(result.Err)}`);
    startTimers();
  }

  // manual: azle must not decode the argument; the rules look at its raw bytes first (domain/ingress.ts).
  @inspectMessage({ manual: true })
  inspectMessage(): boolean {
    return (
      ingressRefusal(registryIngressRules(stores), SIGNATURES, msgMethodName(), caller(), msgArgData()) === undefined
    );
  }

  @query([IDL.Principal], T.Role)
  role_of(principal: Principal): C.Role {
    return roleToCandid(roleOf(stores, principal.toText()));
  }

  @update([T.AdmitContributorArgs], T.result(T.Contributor))
  admit_contributor(args: C.AdmitContributorArgs): Result<C.Contributor> {
    const result = afterMembershipChange(admitContributor(stores, caller(), time(), admitFromCandid(args)));
    return 'Ok' in result ? { Ok: contributorToCandid(result.Ok) } : result;
  }

  @update([T.AdmitContributorArgs], T.result(IDL.Text))
  check_admission(args: C.AdmitContributorArgs): Result<string> {
    return checkAdmission(stores, caller(), admitFromCandid(args));
  }

  @update([T.AddNodeProviderArgs], T.ValidationResult)
  validate_add_node_provider(args: C.AddNodeProviderArgs): ValidationResult {
    return validateFor(addNodeProvider, stores, caller(), time(), validations, {
      id: args.id.toText(),
      display_name: args.display_name,
    });
  }

  @update([T.AddNodeProviderArgs], T.UnitResult)
  add_node_provider(args: C.AddNodeProviderArgs): Result<null> {
    return governed(addNodeProvider, { id: args.id.toText(), display_name: args.display_name });
  }

  @update([T.RemoveNodeProviderArgs], T.ValidationResult)
  validate_remove_node_provider(args: C.RemoveNodeProviderArgs): ValidationResult {
    return validateFor(removeNodeProvider, stores, caller(), time(), validations, {
      id: args.id.toText(),
      reason: args.reason,
    });
  }

  @update([T.RemoveNodeProviderArgs], T.UnitResult)
  remove_node_provider(args: C.RemoveNodeProviderArgs): Result<null> {
    return governed(removeNodeProvider, { id: args.id.toText(), reason: args.reason });
  }

  @update([T.ContributorDecision], T.ValidationResult)
  validate_suspend_contributor(args: C.ContributorDecision): ValidationResult {
    return validateFor(suspendContributor, stores, caller(), time(), validations, decisionFromCandid(args));
  }

  @update([T.ContributorDecision], T.UnitResult)
  suspend_contributor(args: C.ContributorDecision): Result<null> {
    return governed(suspendContributor, decisionFromCandid(args));
  }

  @update([T.ContributorDecision], T.ValidationResult)
  validate_reinstate_contributor(args: C.ContributorDecision): ValidationResult {
    return validateFor(reinstateContributor, stores, caller(), time(), validations, decisionFromCandid(args));
  }

  @update([T.ContributorDecision], T.UnitResult)
  reinstate_contributor(args: C.ContributorDecision): Result<null> {
    return governed(reinstateContributor, decisionFromCandid(args));
  }

  @update([T.ContributorDecision], T.ValidationResult)
  validate_remove_contributor(args: C.ContributorDecision): ValidationResult {
    return validateFor(removeContributor, stores, caller(), time(), validations, decisionFromCandid(args));
  }

  @update([T.ContributorDecision], T.UnitResult)
  remove_contributor(args: C.ContributorDecision): Result<null> {
    return governed(removeContributor, decisionFromCandid(args));
  }

  @update([T.SetRegistryParams], T.ValidationResult)
  validate_set_params(args: C.SetRegistryParams): ValidationResult {
    return validateFor(setParams, stores, caller(), time(), validations, args);
  }

  @update([T.SetRegistryParams], T.UnitResult)
  set_params(args: C.SetRegistryParams): Result<null> {
    return governed(setParams, args);
  }

  @update([IDL.Principal], T.UnitResult)
  offer_worker_key(key: Principal): Result<null> {
    return offerWorkerKey(stores, caller(), time(), key.toText());
  }

  @update([IDL.Principal], T.UnitResult)
  accept_worker_key(contributor: Principal): Result<null> {
    return afterMembershipChange(acceptWorkerKey(stores, caller(), time(), contributor.toText()));
  }

  @update([IDL.Principal], T.UnitResult)
  unbind_worker_key(key: Principal): Result<null> {
    return afterMembershipChange(unbindWorkerKey(stores, caller(), time(), key.toText()));
  }

  @query([IDL.Principal], IDL.Opt(T.Contributor))
  get_contributor(id: Principal): [] | [C.Contributor] {
    const contributor = getContributor(stores, id.toText());
    return opt(contributor && contributorToCandid(contributor));
  }

  @query([T.PageRequest], T.page(T.Contributor))
  list_contributors(page: PageRequest): Result<C.Page<C.Contributor>> {
    return mapPage(listContributors(stores, page), contributorToCandid);
  }

  @query([T.PageRequest], T.page(T.NodeProvider))
  list_node_providers(page: PageRequest): Result<C.Page<C.NodeProvider>> {
    return mapPage(listNodeProviders(stores, page), nodeProviderToCandid);
  }

  @query([T.PageRequest], T.page(T.Event))
  list_events(page: PageRequest): Result<C.Page<C.Event>> {
    return mapPage(listEvents(stores, page), eventToCandid);
  }

  @query([T.PageRequest], T.page(T.Event))
  list_recent_events(page: PageRequest): Result<C.Page<C.Event>> {
    return mapPage(listRecentEvents(stores, page), eventToCandid);
  }

  @query([T.PageRequest], T.page(T.MembershipUpdate))
  list_membership_outbox(page: PageRequest): Result<C.Page<C.MembershipUpdate>> {
    return mapPage(listMembershipOutbox(stores, page), membershipToCandid);
  }

  @query([], T.RegistryParams)
  get_params(): C.RegistryParams {
    return readMeta(stores).params;
  }

  @query([], T.Config)
  get_config(): C.Config {
    const { governance, invitation, queue } = readMeta(stores);
    return {
      governance: Principal.fromText(governance),
      invitation: Principal.fromText(invitation),
      queue: Principal.fromText(queue),
    };
  }

  @query([], T.Stats)
  stats(): C.Stats {
    return stats(stores);
  }
}
