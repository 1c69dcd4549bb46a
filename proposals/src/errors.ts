/**
 * Every failure the CLI reports is one line: CliError carries it; toCliError turns what the agent, the
 * canister clients or governance threw into one, naming the usual causes (network down, missing neuron,
 * insufficient stake, unregistered function).
 */
import { GatehouseCanisterError, PemError, SnsGovernanceError } from '@gatehouse/clients';
import { AgentError, HttpFetchErrorCode, RejectError } from '@icp-sdk/core/agent';

export class CliError extends Error {
  override readonly name = 'CliError';
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function causeList(error: unknown): string[] {
  const parts: string[] = [];
  for (
    let e: unknown = error, depth = 0;
    e !== null && typeof e === 'object' && depth < 8;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if ('code' in e && e.code && typeof e.code === 'object' && 'error' in e.code)
      parts.push(...causeList(e.code.error));
    if (!(e instanceof Error)) continue;
    parts.push(e.message);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') parts.push(code);
  }
  return parts.filter(Boolean);
}

const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|fetch failed|socket hang up/i;

/** A governance error message (from manage_neuron and friends) with its usual cause named. */
export function governanceMessage(message: string): string {
  const text = oneLine(message);
  if (/No neuron for given NeuronId/i.test(text)) return `neuron not found in SNS governance (${text})`;
  if (/enough stake/i.test(text))
    return `insufficient stake: the neuron cannot pay the proposal's reject cost (${text})`;
  const unknown = /There is no NervousSystemFunction with id: \d+/i.exec(text);
  if (unknown) return `unknown function: ${unknown[0]}; register it first (npm run proposals -- register-functions)`;
  if (/No proposal for given ProposalId/i.test(text)) return `proposal not found in SNS governance (${text})`;
  if (/not authorized/i.test(text)) return `the identity may not use this neuron: ${text}`;
  return text;
}

export function toCliError(error: unknown, context: { host?: string } = {}): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof SnsGovernanceError) return new CliError(governanceMessage(error.message));
  if (error instanceof GatehouseCanisterError)
    return new CliError(`${error.method} refused: ${error.kind}: ${oneLine(error.message)}`);
  if (error instanceof PemError) return new CliError(error.message);
  const chain = causeList(error);
  const all = chain.join(' ');
  const fetchFailed = error instanceof AgentError && error.cause.code instanceof HttpFetchErrorCode;
  if (fetchFailed || NETWORK.test(all)) {
    const reason = /\bE[A-Z]{4,}\b/.exec(all)?.[0] ?? oneLine(chain.at(-1) ?? 'fetch failed').slice(0, 80);
    return new CliError(
      `network down: cannot reach ${context.host ?? 'the replica'} (${reason}); is it running? (local: npm start)`,
    );
  }
  if (error instanceof RejectError)
    return new CliError(
      `call rejected: ${oneLine(error.cause.code.toErrorMessage?.() ?? error.message).slice(0, 400)}`,
    );
  if (error instanceof AgentError)
    return new CliError(oneLine(error.cause.code.toErrorMessage?.() ?? error.message).slice(0, 400));
  return new CliError(oneLine(error instanceof Error ? error.message : String(error)).slice(0, 400));
}
