import { ERROR_TYPE, govErr, type GovResult } from './errors.ts';
import { fromHex, sha256Hex } from './hex.ts';
import type { FunctionEntry } from './stores.ts';
import type { GenericFunction, ProposalContent, PrincipalText } from './types.ts';

/**
 * Proposal validation and rendering of rs/sns/governance/src/proposal.rs
 * (validate_and_render_proposal and the per-action validators), for the supported actions.
 * The validator call of ExecuteGenericNervousSystemFunction happens in flows.ts; this module
 * renders its answer.
 */
export const PROPOSAL_TITLE_BYTES_MAX = 256;
export const PROPOSAL_SUMMARY_BYTES_MAX = 30_000;
export const PROPOSAL_URL_CHAR_MAX = 2_048;
export const PROPOSAL_MOTION_TEXT_BYTES_MAX = 10_000;
export const MIN_GENERIC_FUNCTION_ID = 1_000n;
export const MAX_NUMBER_OF_GENERIC_NERVOUS_SYSTEM_FUNCTIONS = 200_000;
export const MANAGEMENT_CANISTER = 'aaaaa-aa';
export const NNS_LEDGER = 'ryjl3-tyaaa-aaaaa-aaaba-cai';

const bytes = (s: string) => new TextEncoder().encode(s).length;

function checkLen(field: string, value: string, max: number, count = bytes(value)): string | undefined {
  return count > max ? `The maximum length for ${field} is ${max}. Provided length: ${count}.` : undefined;
}

/** Defects of the generic function itself (ValidGenericNervousSystemFunction::try_from, plus the topic newer SNS versions require). */
export function functionDefects(f: GenericFunction): string[] {
  const defects: string[] = [];
  if (f.id < MIN_GENERIC_FUNCTION_ID)
    defects.push(`NervousSystemFunction's must have ids starting at ${MIN_GENERIC_FUNCTION_ID}`);
  if (f.name.length === 0 || bytes(f.name) > 256)
    defects.push("NervousSystemFunction's must have set name with a max of 255 bytes");
  if (f.description !== undefined && bytes(f.description) > 10_000)
    defects.push("NervousSystemFunction's description must be at most 10000 bytes");
  if (f.target_canister_id === '') defects.push('target_canister_id field was not populated.');
  if (f.validator_canister_id === '') defects.push('validator_canister_id field was not populated.');
  if (f.target_method_name === '') defects.push('target_method_name was empty.');
  if (f.validator_method_name === '') defects.push('validator_method_name was empty.');
  return defects;
}

/** Canisters no generic function may target: this governance, ic00, and the SNS/NNS canisters named at init. */
export function reservedTargets(self: PrincipalText, configured: PrincipalText[]): Set<PrincipalText> {
  return new Set([self, MANAGEMENT_CANISTER, NNS_LEDGER, ...configured]);
}

export function validateAddFunction(
  f: GenericFunction,
  existing: (id: bigint) => FunctionEntry | undefined,
  existingCount: number,
  reserved: Set<PrincipalText>,
): string | undefined {
  const defects = functionDefects(f);
  if (defects.length > 0)
    return `ExecuteNervousSystemFunction was invalid for the following reason(s):\n${defects.join('\n')}`;
  if (existing(f.id) !== undefined) return `There is already a NervousSystemFunction with id: ${f.id}`;
  if (reserved.has(f.target_canister_id) || reserved.has(f.validator_canister_id))
    return 'Function targets a reserved canister.';
  if (existingCount >= MAX_NUMBER_OF_GENERIC_NERVOUS_SYSTEM_FUNCTIONS)
    return 'Reached maximum number of allowed GenericNervousSystemFunctions';
  return undefined;
}

export function renderFunction(f: GenericFunction): string {
  return [
    `id: ${f.id}`,
    `name: ${JSON.stringify(f.name)}`,
    `description: ${f.description === undefined ? 'None' : JSON.stringify(f.description)}`,
    `topic: ${f.topic}`,
    `target: ${f.target_canister_id}.${f.target_method_name}`,
    `validator: ${f.validator_canister_id}.${f.validator_method_name}`,
  ].join('\n');
}

/** Length checks on title, summary and url (all of them reported together, as the real one does). */
export function contentDefects(c: ProposalContent): string[] {
  return [
    checkLen('title', c.title, PROPOSAL_TITLE_BYTES_MAX),
    checkLen('summary', c.summary, PROPOSAL_SUMMARY_BYTES_MAX),
    checkLen('url', c.url, PROPOSAL_URL_CHAR_MAX, [...c.url].length),
  ].filter((d): d is string => d !== undefined);
}

export function invalidProposal(defects: string[]): { Err: { error_type: number; error_message: string } } {
  return govErr(ERROR_TYPE.InvalidProposal, `${defects.length} defects in Proposal:\n${defects.join('\n')}`);
}

export const renderMotion = (text: string) => `# Motion Proposal:\n## Motion Text:\n\n${text}`;

export const renderAdd = (f: GenericFunction) =>
  `Proposal to add new NervousSystemFunction:\n\n## Function:\n\n${renderFunction(f)}`;

export const renderRemove = (f: GenericFunction) =>
  `# Proposal to remove existing NervousSystemFunction:\n\n## Function:\n\n${renderFunction(f)}`;

/** The validator's Ok text, wrapped as validate_and_render_execute_nervous_system_function does. */
export const renderExecute = (f: GenericFunction, payloadHex: string, validatorText: string) =>
  `# Proposal to execute nervous system function:\n\n## Nervous system function:\n\n${renderFunction(f)}\n\n` +
  `## Payload sha256: \n\n${sha256Hex(fromHex(payloadHex))}\n\n## Payload:\n\n${validatorText}`;

export type { GovResult };
