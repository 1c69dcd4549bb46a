import type { Principal } from '@icp-sdk/core/principal';

import { GatehouseCanisterClient, toValidation, type CanisterOptions, type QueryParams } from '../canister.ts';
import { idlFactory, type _SERVICE } from '../declarations/invitation.did.ts';
import { unwrapResult } from '../errors.ts';
import type { Page } from '../utils/paging.ts';
import { toListNominationsArgs, toNomination } from './invitation.converters.ts';
import type {
  AdmitPayload,
  InvitationParams,
  SetInvitationParams,
  InvitationStats,
  LinkProposalArgs,
  ListNominationsParams,
  NominateArgs,
  Nomination,
  ReconcileReport,
} from './invitation.types.ts';

export { idlFactory as invitationIdlFactory };
/**
 * The invitation canister: node providers nominate candidates, the admit proposal is linked to its
 * nomination, and SNS governance admits (admit/validate_admit are what the "admit contributor" generic
 * function calls). Refusals throw GatehouseCanisterError.
 */
export class InvitationCanister extends GatehouseCanisterClient<_SERVICE> {
  protected readonly name = 'invitation';

  static create(options: CanisterOptions): InvitationCanister {
    const { service, certifiedService } = GatehouseCanisterClient.actors<_SERVICE>(idlFactory, options);
    return new InvitationCanister(options.canisterId, service, certifiedService);
  }

  /** The caller, an active node provider, nominates a candidate. */
  nominate = async (args: NominateArgs): Promise<Nomination> =>
    toNomination(unwrapResult(await this.service.nominate(args), 'invitation.nominate'));

  withdraw = async ({ nominationId }: { nominationId: bigint }): Promise<void> => {
    unwrapResult(await this.service.withdraw(nominationId), 'invitation.withdraw');
  };

  /** Links the admit proposal to its nomination; the canister checks the proposal against governance. */
  linkProposal = async (args: LinkProposalArgs): Promise<Nomination> =>
    toNomination(unwrapResult(await this.service.link_proposal(args), 'invitation.link_proposal'));

  getNomination = async ({
    nominationId,
    ...q
  }: { nominationId: bigint } & QueryParams): Promise<Nomination | undefined> => {
    const [found] = await this.caller(q).get_nomination(nominationId);
    return found && toNomination(found);
  };

  listNominations = async ({
    certified,
    ...params
  }: ListNominationsParams & QueryParams): Promise<Page<Nomination>> => {
    const { items, total } = unwrapResult(
      await this.caller({ certified }).list_nominations(toListNominationsArgs(params)),
      'invitation.list_nominations',
    );
    return { items: items.map(toNomination), total };
  };

  getParams = (q: QueryParams = {}): Promise<InvitationParams> => this.caller(q).get_params();
  stats = (q: QueryParams = {}): Promise<InvitationStats> => this.caller(q).stats();

  /** Only SNS governance may call it, on an adopted "admit contributor" proposal; answers the contributor. */
  admit = async (payload: AdmitPayload): Promise<Principal> =>
    unwrapResult(await this.service.admit(payload), 'invitation.admit');
  validateAdmit = async (payload: AdmitPayload) => toValidation(await this.service.validate_admit(payload));

  /** `expected`: the params the proposal replaces (get_params when it is made); changed since, it fails. */
  setParams = async (params: SetInvitationParams): Promise<void> => {
    unwrapResult(await this.service.set_params(params), 'invitation.set_params');
  };
  validateSetParams = async (params: SetInvitationParams) =>
    toValidation(await this.service.validate_set_params(params));

  /** Expires overdue nominations and settles linked proposals that governance rejected (the timer does it too). */
  reconcile = async (): Promise<ReconcileReport> =>
    unwrapResult(await this.service.reconcile(), 'invitation.reconcile');
}
