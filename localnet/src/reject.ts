/** Reject codes of the IC interface spec ("Reject codes") and the typed call outcome localnet returns. */
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
