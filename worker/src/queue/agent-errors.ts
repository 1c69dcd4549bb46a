import {
  AgentError,
  HttpErrorCode,
  HttpFetchErrorCode,
  RejectError,
  TimeoutWaitingForResponseErrorCode,
  TransportError,
} from '@icp-sdk/core/agent';
import { GatehouseCanisterError } from '@gatehouse/clients';
import { oneLine } from '../inference/types.ts';
import { fromCanisterError, QueueError } from './errors.ts';

const TRANSIENT_HTTP = new Set([408, 429, 500, 502, 503, 504]);

/** An error thrown by a canister client, @icp-sdk/core (or fetch under it) as a QueueError with a one-line message. */
export function fromAgentError(error: unknown): QueueError {
  if (error instanceof QueueError) return error;
  if (error instanceof GatehouseCanisterError) return fromCanisterError(error);
  if (error instanceof AgentError) {
    const code = error.cause.code;
    const text =
      code instanceof HttpFetchErrorCode ? fetchFailure(code.error) : oneLine(code.toErrorMessage?.() ?? error.message);
    if (
      error instanceof TransportError ||
      code instanceof HttpFetchErrorCode ||
      code instanceof TimeoutWaitingForResponseErrorCode
    ) {
      return new QueueError('network', text);
    }
    if (code instanceof HttpErrorCode && TRANSIENT_HTTP.has(code.status)) return new QueueError('network', text);
    if (error instanceof RejectError) return new QueueError('rejected', text);
    return new QueueError('rejected', text);
  }
  const text = error instanceof Error ? `${error.message}${causeText(error)}` : String(error);
  if (error instanceof TypeError || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|socket/i.test(text))
    return new QueueError('network', oneLine(text));
  return new QueueError('rejected', oneLine(text));
}

function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `: ${cause.message}` : '';
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:1" rather than a stack. */
function fetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  return oneLine(`${error.message}${causeText(error)}`);
}
