import { callerIsGovernance, callerIsSignedIn } from '../../shared/domain/guards.ts';
import { anyone, SMALL_ARG_BYTES, type IngressRule } from '../../shared/domain/inspect.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { ok, toValidation, type Result, type ValidationResult } from '../../shared/domain/result.ts';
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

/** Candid bytes of a params record at its largest (32 routes of two 64-byte names) and the numbers. */
const PARAMS_BYTES = 32 * 2 * (64 + 5) + SMALL_ARG_BYTES;

/** canister_inspect_message's rules (a filter only; every method checks its caller itself). */
export function llmIngressRules(stores: LlmStores): Record<string, IngressRule> {
  const { governance, params } = configCell(stores).get();
  const chat: IngressRule = { maxArgBytes: params.max_request_bytes, caller: (c) => callerIsSignedIn(c, 'chat') };
  return {
    v0_chat: chat,
    v1_chat: chat,
    validate_set_params: { maxArgBytes: 2 * PARAMS_BYTES, caller: anyone },
    set_params: { maxArgBytes: 2 * PARAMS_BYTES, caller: (c) => callerIsGovernance(c, governance) },
    get_params: { maxArgBytes: SMALL_ARG_BYTES, caller: anyone },
    metrics: { maxArgBytes: SMALL_ARG_BYTES, caller: anyone },
    http_request: { maxArgBytes: 8 * SMALL_ARG_BYTES, caller: anyone },
  };
}
