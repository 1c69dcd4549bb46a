/** Candid `opt` fields of the invitation canister's records ↔ `undefined`. */
import { fromOpt, toOpt, withoutUndefined } from '../utils/opt.ts';
import type {
  CandidListNominationsArgs,
  CandidNomination,
  ListNominationsParams,
  Nomination,
} from './invitation.types.ts';

export const toNomination = ({ status_reason, proposal_id, ...rest }: CandidNomination): Nomination =>
  withoutUndefined({ ...rest, status_reason: fromOpt(status_reason), proposal_id: fromOpt(proposal_id) });

export const toListNominationsArgs = ({
  page,
  status,
  nominator,
}: ListNominationsParams): CandidListNominationsArgs => ({
  page,
  status: toOpt(status),
  nominator: toOpt(nominator),
});
