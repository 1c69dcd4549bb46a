/** Reject codes of the IC interface spec ("Reject codes") and the typed call outcome localnet returns. */

/** The trap a message gets when localnet's wall-clock safety net stops it (a hang, long before any IC limit). */
export const INSTRUCTION_LIMIT_MESSAGE = 'Canister exceeded the instruction limit for single message execution.';

/** The replica's trap for a message past its instruction limit (HypervisorError::InstructionLimitExceeded). */
export const instructionLimitMessage = (limit: bigint) =>
  `Canister exceeded the limit of ${limit} instructions for single message execution.`;

/** The IC's per-message instruction limits (application subnets). */
export const INSTRUCTION_LIMITS = {
  /** Updates, replicated queries, callbacks, timers and heartbeats. */
  update: 40_000_000_000n,
  /** Queries (non-replicated). */
  query: 5_000_000_000n,
  /** canister_inspect_message. */
  inspect: 200_000_000n,
  /** install_code: init, or pre_upgrade and post_upgrade. */
  install: 300_000_000_000n,
};
export type InstructionLimits = typeof INSTRUCTION_LIMITS;

export const RejectCode = {
  SYS_FATAL: 1,
  SYS_TRANSIENT: 2,
  DESTINATION_INVALID: 3,
  CANISTER_REJECT: 4,
  CANISTER_ERROR: 5,
  SYS_UNKNOWN: 6,
} as const;

export interface Reject {
  code: number;
  message: string;
  /** The replica's error code for the same situation, e.g. IC0503, when there is one. */
  errorCode?: string;
}

export type CallResult = { reply: Uint8Array } | { reject: Reject };

export class CallRejectedError extends Error {
  constructor(readonly reject: Reject) {
    super(`call rejected (code ${reject.code}${reject.errorCode ? `, ${reject.errorCode}` : ''}): ${reject.message}`);
  }
}

export function rejectOf(code: number, message: string, errorCode?: string): { reject: Reject } {
  return { reject: errorCode ? { code, message, errorCode } : { code, message } };
}

/** The replica's error code for a trap message: instruction limit, explicit ic0.trap, or any other trap. */
export function trapErrorCode(trap: string): string {
  if (trap === INSTRUCTION_LIMIT_MESSAGE || /^Canister exceeded the limit of \d+ instructions/.test(trap))
    return 'IC0522';
  if (trap.includes('ic0.trap')) return 'IC0503';
  return 'IC0502';
}

/** The reject a caller sees when the canister trapped: `Error from Canister <id>: <what><trap>`. */
export function trapped(canister: string, trap: string, what = ''): { reject: Reject } {
  return rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${canister}: ${what}${trap}`, trapErrorCode(trap));
}
