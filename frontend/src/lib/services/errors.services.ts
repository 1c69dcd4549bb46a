/**
 * Errors as sentences for people: a canister's typed refusal with its own text, a governance refusal, an
 * unreachable network — never a Candid dump or a stack.
 */
import { isGatehouseCanisterError, SnsGovernanceError } from '@gatehouse/clients';

const KIND_TEXT: Record<string, string> = {
  Unauthorized: 'Not allowed',
  InvalidInput: 'Invalid input',
  NotFound: 'Not found',
  Conflict: 'Conflict',
  LimitExceeded: 'Limit reached',
  Unavailable: 'Unavailable',
};

export function errorMessage(error: unknown): string {
  if (isGatehouseCanisterError(error)) return `${KIND_TEXT[error.kind] ?? error.kind}: ${error.message}`;
  if (error instanceof SnsGovernanceError) return `Governance refused: ${oneLine(error.message)}`;
  const text = error instanceof Error ? error.message : String(error);
  if (/Failed to fetch|NetworkError|ECONNREFUSED/i.test(text))
    return 'Cannot reach the network. Is it running (npm start)?';
  const reject = /Reject text: (.+)/.exec(text) ?? /error_message["']?:\s*["']?([^"'\n]+)/.exec(text);
  if (reject) return `Refused by the canister: ${oneLine(reject[1]!)}`;
  return oneLine(text);
}

function oneLine(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return first.length > 300 ? `${first.slice(0, 297)}…` : first.trim();
}
