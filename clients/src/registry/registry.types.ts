/** The registry's types, derived from the generated declarations (the one source: registry.did). */
import type { _SERVICE } from '../declarations/registry.did.ts';
import type { ArgOf, ItemOf, OkOf, ReturnOf, SomeOf } from '../utils/service-types.ts';

export type RegistryService = _SERVICE;
type S = _SERVICE;

export type Role = ReturnOf<S['role_of']>;
export type CandidContributor = SomeOf<S['get_contributor']>;
/** A contributor with `status_reason` as `string | undefined` (Candid: opt text). */
export type Contributor = Omit<CandidContributor, 'status_reason'> & { status_reason?: string };
export type ContributorStatus = CandidContributor['status'];
export type HardwareProfile = CandidContributor['hardware'];
export type AdmitContributorArgs = ArgOf<S['admit_contributor']>;
export type AddNodeProviderArgs = ArgOf<S['add_node_provider']>;
export type RemoveNodeProviderArgs = ArgOf<S['remove_node_provider']>;
export type ContributorDecision = ArgOf<S['suspend_contributor']>;
export type RegistryParams = ReturnOf<S['get_params']>;
/** set_params' argument: the params it replaces and the new ones. */
export type SetRegistryParams = ArgOf<S['set_params']>;
export type RegistryConfig = ReturnOf<S['get_config']>;
export type RegistryStats = ReturnOf<S['stats']>;
export type NodeProvider = ItemOf<S['list_node_providers']>;
export type CandidEvent = ItemOf<S['list_events']>;
/** A registry event with `proposal_id` as `bigint | undefined` (Candid: opt nat64). */
export type RegistryEvent = Omit<CandidEvent, 'proposal_id'> & { proposal_id?: bigint };
export type EventKind = CandidEvent['kind'];
export type MembershipUpdate = ItemOf<S['list_membership_outbox']>;
export type AdmittedContributor = OkOf<S['admit_contributor']>;
