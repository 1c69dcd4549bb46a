/**
 * render <proposal-id>: the proposal as governance keeps it (payload_text_rendering is the validator's
 * text) plus the payload decoded locally with the manifest's Candid type. Texts from governance are
 * sanitized: whoever wrote a proposal chose them.
 * render <function> --payload JSON: the validator's answer for a payload, without proposing anything
 * (validators are deterministic, change nothing and take any caller, so an update call is safe).
 */
import {
  decodePayload,
  encodePayload,
  functionById,
  payloadText,
  sanitize,
  toHex,
  type GenericFunctionSpec,
  type SnsGovernanceDid,
  type Validation,
} from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { decisionStatus, tallyText } from '../status.ts';
import { manifestFunction, payloadFromJson } from './propose.ts';

export function proposalId(text: string | undefined): bigint {
  if (text === undefined || !/^\d+$/.test(text)) throw new CliError(`expected a proposal id, got "${text ?? ''}"`);
  return BigInt(text);
}

/** The generic function and decoded payload of a proposal, when it executes a manifest function. */
export function decodedPayload(p: SnsGovernanceDid.ProposalData): string | undefined {
  const action = p.proposal[0]?.action[0];
  if (!action || !('ExecuteGenericNervousSystemFunction' in action)) return undefined;
  const { function_id, payload } = action.ExecuteGenericNervousSystemFunction;
  const fn = functionById(function_id);
  if (!fn) return `function ${function_id} (not in the manifest), payload ${toHex(payload)}`;
  // list_proposals leaves generic payloads out (as the real SNS does); get_proposal has them.
  if (payload.length === 0) return `${fn.key} (payload not listed: render ${p.id[0]?.id ?? '<id>'})`;
  try {
    return `${fn.key} ${payloadText(fn, decodePayload(fn, payload))}`;
  } catch (error) {
    return `${fn.key}, payload does not decode as ${fn.payload.display()}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function proposalLines(p: SnsGovernanceDid.ProposalData): string[] {
  const id = p.id[0]?.id;
  const topic = p.topic[0] ? Object.keys(p.topic[0])[0] : 'unknown topic';
  const deadline = p.wait_for_quiet_state[0]?.current_deadline_timestamp_seconds;
  const lines = [
    `proposal ${id}: ${sanitize(p.proposal[0]?.title ?? '(no title)')}`,
    `  status ${decisionStatus(p)}, topic ${topic}, ${tallyText(p)}${deadline ? `, deadline ${new Date(Number(deadline) * 1000).toISOString()}` : ''}`,
  ];
  const decoded = decodedPayload(p);
  if (decoded) lines.push(`  payload: ${decoded}`);
  const failure = p.failure_reason[0];
  if (failure) lines.push(`  failure: ${sanitize(failure.error_message)}`);
  return lines;
}

export async function renderProposal(
  session: Session,
  idText: string | undefined,
): Promise<SnsGovernanceDid.ProposalData> {
  const id = proposalId(idText);
  const p = await (await session.sns()).getProposal({ proposalId: { id }, certified: false });
  for (const line of proposalLines(p)) session.out(line);
  session.out('');
  session.out(sanitize(p.payload_text_rendering[0] ?? '(no rendering)', { multiline: true }));
  return p;
}

export async function askValidator(session: Session, fn: GenericFunctionSpec, value: unknown): Promise<Validation> {
  return (await session.canister(fn.validator.canister)).validate(fn.validator.method, value);
}

export async function renderPayload(
  session: Session,
  key: string | undefined,
  json: string | undefined,
): Promise<Validation> {
  const fn = manifestFunction(key);
  const value = payloadFromJson(fn, json);
  session.out(`${fn.name} (${fn.id}), payload hex ${toHex(encodePayload(fn, value))}`);
  session.out(`payload: ${payloadText(fn, value)}`);
  const answer = await askValidator(session, fn, value);
  session.out(
    answer.valid
      ? `${fn.validator.canister}.${fn.validator.method}: Ok\n${sanitize(answer.text, { multiline: true })}`
      : `${fn.validator.canister}.${fn.validator.method}: Err (governance would refuse this proposal)\n${sanitize(answer.text, { multiline: true })}`,
  );
  return answer;
}
