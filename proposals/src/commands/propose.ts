/** propose <function> --payload JSON: an ExecuteGenericNervousSystemFunction proposal for any manifest function. */
import {
  encodePayload,
  executeAction,
  functionByKey,
  FUNCTIONS,
  payloadText,
  type GenericFunctionSpec,
  type ProposalText,
} from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import { fromJson, PayloadJsonError } from '../json-value.ts';
import type { Session } from '../session.ts';
import { submitProposal } from '../submit.ts';

export function manifestFunction(key: string | undefined): GenericFunctionSpec {
  const fn =
    key === undefined
      ? undefined
      : (functionByKey(key) ?? (/^\d+$/.test(key) ? FUNCTIONS.find((f) => f.id === BigInt(key)) : undefined));
  if (!fn)
    throw new CliError(
      `unknown function "${key ?? ''}"; known: ${FUNCTIONS.map((f) => `${f.key} (${f.id})`).join(', ')}`,
    );
  return fn;
}

/** The payload value from --payload JSON, checked against the function's Candid type. */
export function payloadFromJson(fn: GenericFunctionSpec, json: string | undefined): unknown {
  if (json === undefined) throw new CliError(`--payload <json> is required: ${fn.key} takes ${fn.payload.display()}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new CliError(`--payload is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return fromJson(fn.payload, parsed);
  } catch (error) {
    if (error instanceof PayloadJsonError) throw new CliError(`--payload does not fit ${fn.key}: ${error.message}`);
    throw error;
  }
}

export function propose(
  session: Session,
  key: string | undefined,
  json: string | undefined,
  text: Partial<ProposalText> = {},
): Promise<bigint | undefined> {
  const fn = manifestFunction(key);
  return proposeValue(session, fn, payloadFromJson(fn, json), text);
}

/** ExecuteGenericNervousSystemFunction of fn with a payload value of fn's Candid type. */
export async function proposeValue(
  session: Session,
  fn: GenericFunctionSpec,
  value: unknown,
  text: Partial<ProposalText> = {},
): Promise<bigint | undefined> {
  const rendered = payloadText(fn, value);
  const proposalId = await submitProposal(
    session,
    {
      title: text.title ?? `${fn.name}`,
      summary: text.summary ?? `${fn.description}\n\nPayload: ${rendered}`,
      url: text.url ?? '',
    },
    executeAction(fn, encodePayload(fn, value)),
  );
  if (proposalId !== undefined) session.out(`proposal ${proposalId} submitted: ${fn.name} ${rendered}`);
  return proposalId;
}
