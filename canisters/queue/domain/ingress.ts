import { callerIs, callerIsGovernance, callerIsRegistry, callerIsSignedIn } from '../../shared/domain/guards.ts';
import { anyone, HTTP_REQUEST_RULE, SMALL_ARG_BYTES, type IngressRule } from '../../shared/domain/inspect.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { unauthorized } from '../../shared/domain/result.ts';
import { currentParams } from './config.ts';
import { LIMITS, MAX_MODEL_NAME_BYTES, MAX_MODELS } from './limits.ts';
import type { QueueStores } from './model.ts';
import { outputArgBytes, promptArgBytes } from './params.ts';
import { configCell } from './state.ts';

/** A list of model names at its largest (length prefix of up to 5 bytes per name). */
const MODELS_BYTES = MAX_MODELS * (MAX_MODEL_NAME_BYTES + 5);
/** apply_membership: a full batch of (seq, two principals of at most 29 bytes, a bool) with their prefixes. */
const MEMBERSHIP_BYTES = LIMITS.membershipBatch * (8 + 2 * (1 + 1 + 29) + 1);

/**
 * canister_inspect_message's rules for the queue: per method the largest argument the current params
 * allow and the caller guard the method itself applies. Queries appear too: they can be sent as updates.
 */
export function queueIngressRules(stores: QueueStores): Record<string, IngressRule> {
  const params = currentParams(stores);
  const { governance, registry, llm } = configCell(stores).get();
  const signedIn = (action: string) => (caller: PrincipalText) => callerIsSignedIn(caller, action);
  // Any key the registry announced, active or not: a suspended worker learns why from the method's typed Err.
  const worker = (caller: PrincipalText) =>
    stores.workers.has(caller) ? undefined : unauthorized('caller is not a worker key the registry announced');
  const small = (caller: IngressRule['caller']): IngressRule => ({ maxArgBytes: SMALL_ARG_BYTES, caller });
  const prompt = promptArgBytes(params);
  const output = outputArgBytes(params);
  const leaseArgs = MODELS_BYTES + SMALL_ARG_BYTES;
  const job = {
    messages: params.max_messages,
    'messages.tool_calls': params.max_tool_calls,
    tools: params.max_tools_per_job,
  };
  const models = { models: MAX_MODELS };
  const toolCalls = { tool_calls: params.max_tool_calls };
  return {
    submit: {
      maxArgBytes: prompt + MAX_MODEL_NAME_BYTES + SMALL_ARG_BYTES,
      caller: signedIn('submit jobs'),
      vectors: job,
    },
    // Only the llm canister calls it, and canisters send no ingress: the rule refuses every ingress message.
    submit_for: {
      maxArgBytes: 0,
      caller: (caller) => callerIs(caller, llm ?? '', 'the llm canister'),
      vectors: job,
    },
    cancel: small(signedIn('own jobs')),
    expire_leases: small(signedIn('run expiry')),
    lease: { maxArgBytes: leaseArgs, caller: worker, vectors: models },
    extend: small(worker),
    complete: { maxArgBytes: output + SMALL_ARG_BYTES, caller: worker, vectors: toolCalls },
    complete_and_lease: {
      maxArgBytes: output + leaseArgs + SMALL_ARG_BYTES,
      caller: worker,
      vectors: { ...toolCalls, ...models },
    },
    fail: { maxArgBytes: params.max_reason_bytes + SMALL_ARG_BYTES, caller: worker },
    heartbeat: { maxArgBytes: leaseArgs + LIMITS.versionBytes, caller: worker, vectors: models },
    apply_membership: {
      maxArgBytes: MEMBERSHIP_BYTES + SMALL_ARG_BYTES,
      caller: (caller) => callerIsRegistry(caller, registry),
      vectors: { updates: LIMITS.membershipBatch },
    },
    validate_set_params: { maxArgBytes: MODELS_BYTES + SMALL_ARG_BYTES, caller: anyone, vectors: models },
    set_params: {
      maxArgBytes: MODELS_BYTES + SMALL_ARG_BYTES,
      caller: (caller) => callerIsGovernance(caller, governance),
      vectors: models,
    },
    get_job: small(anyone),
    queued_count: { maxArgBytes: MODELS_BYTES + SMALL_ARG_BYTES, caller: anyone, vectors: { '': MAX_MODELS } },
    get_params: small(anyone),
    list_workers: small(anyone),
    list_recent_workers: small(anyone),
    get_worker: small(anyone),
    metrics: small(anyone),
    http_request: HTTP_REQUEST_RULE,
  };
}
