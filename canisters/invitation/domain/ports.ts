import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { RateWindow } from '../../shared/domain/rate-window.ts';
import type { Result } from '../../shared/domain/result.ts';
import type { admissionOf } from './admit.ts';
import type { ProposalLookup } from './proposal.ts';
import type { InvitationStores } from './stores.ts';
import type { MemberRole } from './types.ts';

/** The registry as the invitation canister uses it. Methods reject (throw) when the call fails. */
export interface RegistryPort {
  roleOf(principal: PrincipalText): Promise<MemberRole>;
  admitContributor(admission: ReturnType<typeof admissionOf>): Promise<Result<unknown>>;
  /** The registry's own dry run of admit_contributor: its roles and limits, so execution cannot fail on them. */
  checkAdmission(admission: ReturnType<typeof admissionOf>): Promise<Result<string>>;
}

/** SNS governance's get_proposal, already reduced to what the domain reads. */
export interface GovernancePort {
  getProposal(proposalId: bigint): Promise<ProposalLookup>;
}

/**
 * What the asynchronous flows run against. `clock` is read afresh after every await: each
 * await ends one IC message execution and the next one sees a later time.
 */
export interface InvitationEnv {
  stores: InvitationStores;
  clock: () => bigint;
  registry: RegistryPort;
  governance: GovernancePort;
  log: (message: string) => void;
  /** Validator calls by anyone but governance, bounded per minute. */
  validations: RateWindow;
}

export const reason = (error: unknown) =>
  error instanceof Error ? error.message : JSON.stringify(error, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
