import type { Principal } from '@icp-sdk/core/principal';

import { GatehouseCanisterClient, toValidation, type CanisterOptions, type QueryParams } from '../canister.ts';
import { idlFactory, type _SERVICE } from '../declarations/registry.did.ts';
import { unwrapResult } from '../errors.ts';
import type { Page, PageRequest } from '../utils/paging.ts';
import { toContributor, toRegistryEvent } from './registry.converters.ts';
import type {
  AddNodeProviderArgs,
  AdmitContributorArgs,
  AdmittedContributor,
  Contributor,
  ContributorDecision,
  MembershipUpdate,
  NodeProvider,
  RegistryConfig,
  RegistryEvent,
  RegistryParams,
  RegistryStats,
  RemoveNodeProviderArgs,
  Role,
  SetRegistryParams,
} from './registry.types.ts';

export { idlFactory as registryIdlFactory };
/**
 * The registry canister: node providers, contributors, their worker keys and the event log. Governance-only
 * methods (add/remove node provider, contributor status, params) succeed only when SNS governance calls them;
 * each has its validate_* twin. Refusals throw GatehouseCanisterError.
 */
export class RegistryCanister extends GatehouseCanisterClient<_SERVICE> {
  protected readonly name = 'registry';

  static create(options: CanisterOptions): RegistryCanister {
    const { service, certifiedService } = GatehouseCanisterClient.actors<_SERVICE>(idlFactory, options);
    return new RegistryCanister(options.canisterId, service, certifiedService);
  }

  roleOf = async ({ principal, ...q }: { principal: Principal } & QueryParams): Promise<Role> =>
    this.caller(q).role_of(principal);

  getContributor = async ({
    contributor,
    ...q
  }: { contributor: Principal } & QueryParams): Promise<Contributor | undefined> => {
    const [found] = await this.caller(q).get_contributor(contributor);
    return found && toContributor(found);
  };

  listContributors = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<Contributor>> => {
    const { items, total } = unwrapResult(await this.caller(q).list_contributors(page), 'registry.list_contributors');
    return { items: items.map(toContributor), total };
  };

  listNodeProviders = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<NodeProvider>> =>
    unwrapResult(await this.caller(q).list_node_providers(page), 'registry.list_node_providers');

  listEvents = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<RegistryEvent>> => {
    const { items, total } = unwrapResult(await this.caller(q).list_events(page), 'registry.list_events');
    return { items: items.map(toRegistryEvent), total };
  };

  /** The event log newest first; the canister reads only the page. */
  listRecentEvents = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<RegistryEvent>> => {
    const { items, total } = unwrapResult(await this.caller(q).list_recent_events(page), 'registry.list_recent_events');
    return { items: items.map(toRegistryEvent), total };
  };

  listMembershipOutbox = async ({ page, ...q }: { page: PageRequest } & QueryParams): Promise<Page<MembershipUpdate>> =>
    unwrapResult(await this.caller(q).list_membership_outbox(page), 'registry.list_membership_outbox');

  getParams = (q: QueryParams = {}): Promise<RegistryParams> => this.caller(q).get_params();
  getConfig = (q: QueryParams = {}): Promise<RegistryConfig> => this.caller(q).get_config();
  stats = (q: QueryParams = {}): Promise<RegistryStats> => this.caller(q).stats();

  /** Step one of binding, signed by the contributor: offers a key (open for a day); nothing is bound yet. */
  offerWorkerKey = async ({ key }: { key: Principal }): Promise<void> => {
    unwrapResult(await this.service.offer_worker_key(key), 'registry.offer_worker_key');
  };

  /** Step two, signed by the worker key itself: accepts the contributor's offer; the queue then leases it jobs. */
  acceptWorkerKey = async ({ contributor }: { contributor: Principal }): Promise<void> => {
    unwrapResult(await this.service.accept_worker_key(contributor), 'registry.accept_worker_key');
  };

  unbindWorkerKey = async ({ key }: { key: Principal }): Promise<void> => {
    unwrapResult(await this.service.unbind_worker_key(key), 'registry.unbind_worker_key');
  };

  /** Only the invitation canister may call it: the registry's dry run of admit_contributor. */
  checkAdmission = async (args: AdmitContributorArgs): Promise<string> =>
    unwrapResult(await this.service.check_admission(args), 'registry.check_admission');

  /** Only the invitation canister may call it (on an adopted admit proposal). */
  admitContributor = async (args: AdmitContributorArgs): Promise<AdmittedContributor> =>
    unwrapResult(await this.service.admit_contributor(args), 'registry.admit_contributor');

  addNodeProvider = async (args: AddNodeProviderArgs): Promise<void> => {
    unwrapResult(await this.service.add_node_provider(args), 'registry.add_node_provider');
  };
  validateAddNodeProvider = async (args: AddNodeProviderArgs) =>
    toValidation(await this.service.validate_add_node_provider(args));

  removeNodeProvider = async (args: RemoveNodeProviderArgs): Promise<void> => {
    unwrapResult(await this.service.remove_node_provider(args), 'registry.remove_node_provider');
  };
  validateRemoveNodeProvider = async (args: RemoveNodeProviderArgs) =>
    toValidation(await this.service.validate_remove_node_provider(args));

  suspendContributor = async (args: ContributorDecision): Promise<void> => {
    unwrapResult(await this.service.suspend_contributor(args), 'registry.suspend_contributor');
  };
  validateSuspendContributor = async (args: ContributorDecision) =>
    toValidation(await this.service.validate_suspend_contributor(args));

  reinstateContributor = async (args: ContributorDecision): Promise<void> => {
    unwrapResult(await this.service.reinstate_contributor(args), 'registry.reinstate_contributor');
  };
  validateReinstateContributor = async (args: ContributorDecision) =>
    toValidation(await this.service.validate_reinstate_contributor(args));

  removeContributor = async (args: ContributorDecision): Promise<void> => {
    unwrapResult(await this.service.remove_contributor(args), 'registry.remove_contributor');
  };
  validateRemoveContributor = async (args: ContributorDecision) =>
    toValidation(await this.service.validate_remove_contributor(args));

  /** `expected`: the params the proposal replaces (get_params when it is made); changed since, it fails. */
  setParams = async (args: SetRegistryParams): Promise<void> => {
    unwrapResult(await this.service.set_params(args), 'registry.set_params');
  };
  validateSetParams = async (args: SetRegistryParams) => toValidation(await this.service.validate_set_params(args));
}
