import { candidRefusal } from './candid-scan.ts';
import { methodShapes, type IdlType } from './candid-shape.ts';
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
  /** The most elements each vector of the argument may hold, by path (candid-shape.ts); none if it has none. */
  vectors?: Record<string, number>;
}

export const anyone = (): Denial => undefined;

/** Candid type-table entries an argument may declare; our largest method argument needs about 20. */
export const MAX_ARG_TYPES = 64;
/**
 * Vector elements one argument may hold in all (blob bytes aside). Each costs azle's Candid decoder about
 * 10^5 instructions whatever its size, so this, not the byte limit, bounds a decode. The queue's set_params
 * refuses params under which a submit could hold more (its defaults allow 32 × (1 + 16) + 32 tools = 576).
 */
export const MAX_ARG_ELEMENTS = 1024;
/** Bytes of fixed-size arguments (ids, tokens, empty args), with room for a header written differently. */
export const SMALL_ARG_BYTES = 1024;

/**
 * Why an ingress message is refused, or undefined to accept it. Methods without a rule are refused.
 * `signatures` are the argument types each method decodes (candid-shape.ts serviceArgs): the message's
 * header must fit them and its vectors their limits, checked on the raw bytes.
 */
export function ingressRefusal(
  rules: Readonly<Record<string, IngressRule>>,
  signatures: Readonly<Record<string, IdlType[][]>>,
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
  const alternatives = Object.hasOwn(signatures, method) ? signatures[method]! : [];
  const refusal = candidRefusal(arg, methodShapes(alternatives, rule.vectors ?? {}), MAX_ARG_TYPES, MAX_ARG_ELEMENTS);
  return refusal === undefined ? undefined : `${method}: ${refusal}`;
}

/** http_request sent as an update (a query needs no inspect_message): a small request with a few headers. */
export const HTTP_REQUEST_RULE: IngressRule = {
  maxArgBytes: 8 * SMALL_ARG_BYTES,
  caller: anyone,
  vectors: { headers: 64 },
};
