export { LocalNet, MANAGEMENT, emptyArgs, type LocalNetOptions } from './localnet.ts';
export { CallRejectedError, RejectCode, type CallResult, type Reject } from './reject.ts';
export { INSTRUCTION_LIMIT_MESSAGE } from './reject.ts';
