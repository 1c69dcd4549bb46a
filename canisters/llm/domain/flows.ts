import { callerIsGovernance, callerIsSignedIn } from '../../shared/domain/guards.ts';
import { anyone, HTTP_REQUEST_RULE, SMALL_ARG_BYTES, type IngressRule } from '../../shared/domain/inspect.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, toValidation, type Result, type ValidationResult } from '../../shared/domain/result.ts';
import { MAX_TOOLS } from './chat.ts';
import type { Outcome } from './hold.ts';
import { planSetParams, type LlmParams, type SetLlmParams } from './params.ts';
import { configCell, count, type LlmStores } from './state.ts';

/**
 * The start of a chat call. Anonymous callers are refused, as the queue refuses anonymous submitters: a job
 * must belong to someone for the per-submitter limits to mean anything.
 */
export function startChat(stores: LlmStores, caller: PrincipalText, version: 'v0' | 'v1'): Result<LlmParams> {
  const denied = callerIsSignedIn(caller, 'chat');
  if (denied) {
    count(stores, (c) => void (c.outcomes.refused += 1n));
    return denied;
  }
  count(stores, (c) => {
    if (version === 'v0') c.chats_v0 += 1n;
    else c.chats_v1 += 1n;
    c.held += 1n;
  });
  return ok(configCell(stores).get().params);
}

export function endChat(stores: LlmStores, outcome: Outcome, startedAt: bigint, now: bigint): void {
  count(stores, (c) => {
    c.held = c.held > 0n ? c.held - 1n : 0n;
    c.outcomes[outcome] += 1n;
    c.held_ns_total += now > startedAt ? now - startedAt : 0n;
  });
}

export const countPoll = (stores: LlmStores) => count(stores, (c) => void (c.polls += 1n));

export function validateSetParams(stores: LlmStores, args: SetLlmParams): ValidationResult {
  return toValidation(planSetParams(configCell(stores).get().params, args));
}

export function setParams(stores: LlmStores, caller: PrincipalText, args: SetLlmParams): Result<null> {
  const cell = configCell(stores);
  const config = cell.get();
  const denied = callerIsGovernance(caller, config.governance);
  if (denied) return denied;
  const planned = planSetParams(config.params, args);
  if ('Err' in planned) return planned;
  cell.set({ ...config, params: args.params });
  return ok(null);
}

/** Routes of a params record at most. */
const MAX_ROUTES = 32;
/** Candid bytes of a params record at its largest (32 routes of two 64-byte names) and the numbers. */
const PARAMS_BYTES = MAX_ROUTES * 2 * (64 + 5) + SMALL_ARG_BYTES;

/** Messages of a chat at most: the ceiling of the queue's max_messages, which refuses more anyway. */
const MAX_CHAT_MESSAGES = 256;
/** Tool calls of a turn (the ceiling of the queue's max_tool_calls) and entries of a tool's other lists. */
const MAX_TOOL_LIST = 64;
/**
 * Element limits of a v1 chat under both readings (interface.ts libraryRequestV1). Nested lists multiply:
 * kept so the worst product stays a bounded walk for inspect_message (measured in ingress-cost test).
 */
const V1_VECTORS = {
  messages: MAX_CHAT_MESSAGES,
  'messages.assistant.tool_calls': MAX_TOOL_LIST,
  'messages.assistant.tool_calls.function.arguments': 16,
  tools: MAX_TOOLS,
  'tools.function.parameters.properties': 16,
  'tools.function.parameters.properties.enum': 16,
  'tools.function.parameters.required': 16,
  'tools.parameters': 16,
  'tools.parameters.enum': 16,
};
const ROUTES = { 'expected.models': MAX_ROUTES, 'params.models': MAX_ROUTES };

/** canister_inspect_message's rules (a filter only; every method checks its caller itself). */
export function llmIngressRules(stores: LlmStores): Record<string, IngressRule> {
  const { governance, params } = configCell(stores).get();
  const chat = { maxArgBytes: params.max_request_bytes, caller: (c: PrincipalText) => callerIsSignedIn(c, 'chat') };
  return {
    v0_chat: { ...chat, vectors: { messages: MAX_CHAT_MESSAGES } },
    v1_chat: { ...chat, vectors: V1_VECTORS },
    validate_set_params: { maxArgBytes: 2 * PARAMS_BYTES, caller: anyone, vectors: ROUTES },
    set_params: {
      maxArgBytes: 2 * PARAMS_BYTES,
      caller: (c) => callerIsGovernance(c, governance),
      vectors: ROUTES,
    },
    get_params: { maxArgBytes: SMALL_ARG_BYTES, caller: anyone },
    metrics: { maxArgBytes: SMALL_ARG_BYTES, caller: anyone },
    http_request: HTTP_REQUEST_RULE,
  };
}
