import type { GovernanceErrorValue } from './types.ts';

/** SNS GovernanceError.ErrorType (rs/sns/governance/proto/.../governance.proto). */
export const ERROR_TYPE = {
  Unspecified: 0,
  Unavailable: 1,
  NotAuthorized: 2,
  NotFound: 3,
  InvalidCommand: 4,
  AccessControlList: 8,
  ResourceExhausted: 9,
  PreconditionFailed: 10,
  External: 11,
  InvalidProposal: 15,
} as const;

export type GovResult<T> = { Ok: T } | { Err: GovernanceErrorValue };

export const govErr = (error_type: number, error_message: string): { Err: GovernanceErrorValue } => ({
  Err: { error_type, error_message },
});
