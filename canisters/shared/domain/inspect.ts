import { candidHazard } from './candid-scan.ts';
import type { Denial } from './guards.ts';
import type { PrincipalText } from './principal.ts';
import { describeError } from './result.ts';

/**
 * What canister_inspect_message lets in for one method. It is a filter only, run by one replica before
 * the message is accepted, so the method checks its caller and input again; it exists so that messages
 * that would be refused anyway cost our canister no decoding and no execution.
 */
export interface IngressRule {
  /** The largest argument, in Candid bytes, the method can ever accept; checked before anything else. */
  maxArgBytes: number;
  /** The guard of the method's caller (guards.ts), or `anyone`. */
  caller: (caller: PrincipalText) => Denial;
}

export const anyone = (): Denial => undefined;

/** Candid type-table entries an argument may declare; our largest method argument needs about 20. */
export const MAX_ARG_TYPES = 64;
/** Bytes of fixed-size arguments (ids, tokens, empty args), with room for a header written differently. */
export const SMALL_ARG_BYTES = 1024;

/** Why an ingress message is refused, or undefined to accept it. Methods without a rule are refused. */
export function ingressRefusal(
  rules: Readonly<Record<string, IngressRule>>,
  method: string,
  caller: PrincipalText,
  arg: Uint8Array,
): string | undefined {
  const rule = Object.hasOwn(rules, method) ? rules[method] : undefined;
  if (rule === undefined) return `${method} takes no ingress messages`;
  if (arg.length > rule.maxArgBytes)
    return `${method}: argument of ${arg.length} bytes; the limit is ${rule.maxArgBytes}`;
  const denied = rule.caller(caller);
  if (denied) return `${method}: ${describeError(denied.Err)}`;
  const hazard = candidHazard(arg, MAX_ARG_TYPES);
  return hazard === undefined ? undefined : `${method}: ${hazard}`;
}
