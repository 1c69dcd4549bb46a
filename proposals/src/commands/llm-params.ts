/**
 * llm-params [--route NAME=WORKER_MODEL]... [--drop-route NAME]... [--timeout-seconds N] [--max-tokens N]:
 * proposes set-llm-params from the params the llm canister holds now (a certified read) with these changes, so
 * the payload's `expected` is exactly the current params and whatever the command does not name stays as it is.
 * The llm canister's validator checks the result when governance takes the proposal.
 */
import { functionByKey, type LlmParams, type ProposalText } from '@gatehouse/clients';

import type { LlmParamsChange } from '../args.ts';
import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { proposeValue } from './propose.ts';

/** The current params with the change applied: a route to a known name is replaced in place, a new one appended. */
export function changedParams(current: LlmParams, change: LlmParamsChange): LlmParams {
  const unknown = change.drop.filter((name) => !current.models.some((m) => m.name === name));
  if (unknown.length > 0)
    throw new CliError(
      `--drop-route ${unknown.join(', ')}: not a model of the llm canister (${current.models.map((m) => m.name).join(', ')})`,
    );
  const nothing =
    change.routes.length === 0 &&
    change.drop.length === 0 &&
    change.timeoutSeconds === undefined &&
    change.maxTokens === undefined;
  if (nothing)
    throw new CliError('llm-params: nothing to change (--route, --drop-route, --timeout-seconds, --max-tokens)');
  const routes = new Map(change.routes.map((r) => [r.name, r])); // a name given twice: the last one
  const models = current.models.filter((m) => !change.drop.includes(m.name)).map((m) => routes.get(m.name) ?? m);
  for (const route of routes.values()) if (!models.some((m) => m.name === route.name)) models.push(route);
  return {
    ...current,
    models,
    timeout_seconds: change.timeoutSeconds ?? current.timeout_seconds,
    max_tokens: change.maxTokens ?? current.max_tokens,
  };
}

export async function llmParams(
  session: Session,
  change: LlmParamsChange,
  text: Partial<ProposalText> = {},
): Promise<bigint | undefined> {
  const expected = await (await session.canister('llm')).getParams({ certified: true });
  const fn = functionByKey('set-llm-params')!;
  return proposeValue(session, fn, { expected, params: changedParams(expected, change) }, text);
}
