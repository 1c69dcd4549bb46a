import { Principal } from '@icp-sdk/core/principal';

export class InvalidPrincipalError extends Error {
  override readonly name = 'InvalidPrincipalError';
}

/** A principal from its text form; `what` names the input in the one-line error (e.g. `--candidate`). */
export function parsePrincipal(text: string, what = 'input'): Principal {
  try {
    return Principal.fromText(text.trim());
  } catch {
    throw new InvalidPrincipalError(`${what} is not a principal: "${text}"`);
  }
}

export const isPrincipalText = (text: string): boolean => {
  try {
    Principal.fromText(text);
    return true;
  } catch {
    return false;
  }
};
