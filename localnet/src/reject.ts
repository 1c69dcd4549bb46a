/** Reject codes of the IC interface spec ("Reject codes") and the typed call outcome localnet returns. */

/** The trap a message gets when the watchdog stops it (stand-in for the instruction limit). */
export const INSTRUCTION_LIMIT_MESSAGE = 'Canister exceeded the instruction limit for single message execution.';

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
  if (trap === INSTRUCTION_LIMIT_MESSAGE) return 'IC0522';
  if (trap.includes('ic0.trap')) return 'IC0503';
  return 'IC0502';
}

/** The reject a caller sees when the canister trapped: `Error from Canister <id>: <what><trap>`. */
export function trapped(canister: string, trap: string, what = ''): { reject: Reject } {
  return rejectOf(RejectCode.CANISTER_ERROR, `Error from Canister ${canister}: ${what}${trap}`, trapErrorCode(trap));
}
