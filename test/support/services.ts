/** Typed views of the three canisters' services, as `net.actor` returns them. */
import type { Principal as CandidPrincipal } from '@dfinity/principal';
import type { Principal } from '@icp-sdk/core/principal';

import type * as I from '../../canisters/invitation/interface.ts';
import type * as Q from '../../canisters/queue/interface.ts';
import type * as R from '../../canisters/registry/interface.ts';

/** Arguments may be built with either principal class; replies decode to @dfinity/principal's. */
type Arg<T> = T extends CandidPrincipal
  ? CandidPrincipal | Principal
  : T extends bigint | number | string | boolean | null | undefined | Uint8Array
    ? T
    : { [K in keyof T]: Arg<T[K]> };
type Call<A extends unknown[], Ret> = (...args: { [K in keyof A]: Arg<A[K]> }) => Promise<Ret>;
type Opt<T> = [] | [T];
type Page<T> = { items: T[]; total: bigint };
type Unit = R.Result<null>;

export interface RegistryService {
  role_of: Call<[CandidPrincipal], R.Role>;
  admit_contributor: Call<[R.AdmitContributorArgs], R.Result<R.Contributor>>;
  validate_add_node_provider: Call<[R.AddNodeProviderArgs], R.ValidationResult>;
  add_node_provider: Call<[R.AddNodeProviderArgs], Unit>;
  validate_remove_node_provider: Call<[R.RemoveNodeProviderArgs], R.ValidationResult>;
  remove_node_provider: Call<[R.RemoveNodeProviderArgs], Unit>;
  validate_suspend_contributor: Call<[R.ContributorDecision], R.ValidationResult>;
  suspend_contributor: Call<[R.ContributorDecision], Unit>;
  validate_reinstate_contributor: Call<[R.ContributorDecision], R.ValidationResult>;
  reinstate_contributor: Call<[R.ContributorDecision], Unit>;
  validate_remove_contributor: Call<[R.ContributorDecision], R.ValidationResult>;
  remove_contributor: Call<[R.ContributorDecision], Unit>;
  validate_set_params: Call<[R.RegistryParams], R.ValidationResult>;
  set_params: Call<[R.RegistryParams], Unit>;
  bind_worker_key: Call<[CandidPrincipal], Unit>;
  unbind_worker_key: Call<[CandidPrincipal], Unit>;
  get_contributor: Call<[CandidPrincipal], Opt<R.Contributor>>;
  list_contributors: Call<[R.PageRequest], Page<R.Contributor>>;
  list_node_providers: Call<[R.PageRequest], Page<R.NodeProvider>>;
  list_events: Call<[R.PageRequest], Page<R.Event>>;
  list_membership_outbox: Call<[R.PageRequest], Page<R.MembershipUpdate>>;
  get_params: Call<[], R.RegistryParams>;
  get_config: Call<[], R.Config>;
  stats: Call<[], R.Stats>;
}

export interface InvitationService {
  nominate: Call<[I.NominateArgs], I.Result<I.Nomination>>;
  withdraw: Call<[bigint], I.Result<null>>;
  link_proposal: Call<[I.LinkProposalArgs], I.Result<I.Nomination>>;
  validate_admit: Call<[I.AdmitPayload], I.ValidationResult>;
  admit: Call<[I.AdmitPayload], I.Result<CandidPrincipal>>;
  validate_set_params: Call<[I.InvitationParams], I.ValidationResult>;
  set_params: Call<[I.InvitationParams], I.Result<null>>;
  reconcile: Call<[], I.Result<I.ReconcileReport>>;
  get_nomination: Call<[bigint], Opt<I.Nomination>>;
  list_nominations: Call<[I.ListNominationsArgs], I.NominationPage>;
  get_params: Call<[], I.InvitationParams>;
  stats: Call<[], I.InvitationStats>;
}

export interface QueueService {
  submit: Call<[Q.SubmitArgs], Q.Result<bigint>>;
  get_job: Call<[bigint], Q.Result<Q.Job>>;
  cancel: Call<[bigint], Q.Result<null>>;
  lease: Call<[Q.LeaseArgs], Q.Result<Q.Lease[]>>;
  extend: Call<[Q.ExtendArgs], Q.Result<bigint>>;
  complete: Call<[Q.CompleteArgs], Q.Result<null>>;
  complete_and_lease: Call<[Q.CompleteArgs, Q.LeaseArgs], Q.CompleteAndLeaseResult>;
  queued_count: Call<[string[]], bigint>;
  fail: Call<[Q.FailArgs], Q.Result<null>>;
  heartbeat: Call<[Q.HeartbeatArgs], Q.Result<null>>;
  apply_membership: Call<[Q.MembershipUpdate[]], Q.Result<bigint>>;
  expire_leases: Call<[], Q.Result<bigint>>;
  validate_set_params: Call<[Q.QueueParams], R.ValidationResult>;
  set_params: Call<[Q.QueueParams], Q.Result<null>>;
  get_params: Call<[], Q.QueueParams>;
  list_workers: Call<[Q.PageRequest], Page<Q.WorkerStats>>;
  get_worker: Call<[CandidPrincipal], Opt<Q.WorkerStats>>;
  metrics: Call<[], Q.QueueMetrics>;
  http_request: Call<[Q.HttpRequest], Q.HttpResponse>;
}
