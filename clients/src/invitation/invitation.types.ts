/** The invitation canister's types, derived from the generated declarations (the one source: invitation.did). */
import type { _SERVICE } from '../declarations/invitation.did.ts';
import type { ArgOf, OkOf, ReturnOf, SomeOf } from '../utils/service-types.ts';

export type InvitationService = _SERVICE;
type S = _SERVICE;

export type CandidNomination = SomeOf<S['get_nomination']>;
/** A nomination with `status_reason` and `proposal_id` as `undefined` when absent (Candid: opt). */
export type Nomination = Omit<CandidNomination, 'status_reason' | 'proposal_id'> & {
  status_reason?: string;
  proposal_id?: bigint;
};
export type NominationStatus = CandidNomination['status'];
export type NominationStatusName = NominationStatus extends infer V ? (V extends unknown ? keyof V : never) : never;
export type NominateArgs = ArgOf<S['nominate']>;
export type LinkProposalArgs = ArgOf<S['link_proposal']>;
export type AdmitPayload = ArgOf<S['admit']>;
export type InvitationParams = ReturnOf<S['get_params']>;
/** set_params' argument: the params it replaces and the new ones. */
export type SetInvitationParams = ArgOf<S['set_params']>;
export type InvitationStats = ReturnOf<S['stats']>;
export type ReconcileReport = OkOf<S['reconcile']>;
export type CandidListNominationsArgs = ArgOf<S['list_nominations']>;
/** Filters of list_nominations: `undefined` lists all. */
export interface ListNominationsParams {
  page: CandidListNominationsArgs['page'];
  status?: NominationStatus;
  nominator?: CandidListNominationsArgs['nominator'] extends [] | [infer P] ? P : never;
}
