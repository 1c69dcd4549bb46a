/** Candid values <-> domain values: principals become text, opt becomes undefined, variants become strings. */
import { Principal } from '@dfinity/principal';

import type { NominateInput } from './domain/nominate.ts';
import type { ListFilter } from './domain/queries.ts';
import type {
  InvitationConfig,
  Nomination as DomainNomination,
  NominationStatus as DomainStatus,
} from './domain/types.ts';
import type { InvitationInit, ListNominationsArgs, NominateArgs, Nomination, NominationStatus } from './interface.ts';

export const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export const statusToCandid = (status: DomainStatus) => ({ [status]: null }) as NominationStatus;
export const statusFromCandid = (status: NominationStatus) => Object.keys(status)[0] as DomainStatus;

export function nominationToCandid(n: DomainNomination): Nomination {
  return {
    ...n,
    candidate: Principal.fromText(n.candidate),
    nominator: Principal.fromText(n.nominator),
    status: statusToCandid(n.status),
    proposal_id: opt(n.proposal_id),
    status_reason: opt(n.status_reason),
  };
}

export const nominateInput = (args: NominateArgs): NominateInput => ({ ...args, candidate: args.candidate.toText() });

export const listFilter = (args: ListNominationsArgs): ListFilter => ({
  page: args.page,
  status: args.status[0] && statusFromCandid(args.status[0]),
  nominator: args.nominator[0]?.toText(),
});

export const configFromInit = (init: InvitationInit): InvitationConfig => ({
  governance: init.governance.toText(),
  registry: init.registry.toText(),
  admit_function_id: init.admit_function_id,
});
