import { callerIsGovernance, callerIsInvitation, callerIsSignedIn } from '../../shared/domain/guards.ts';
import { anyone, SMALL_ARG_BYTES, type IngressRule } from '../../shared/domain/inspect.ts';
import { MAX_PRINCIPAL_BYTES, type PrincipalText } from '../../shared/domain/principal.ts';
import { unauthorized } from '../../shared/domain/result.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { ContributorStatus } from './types.ts';

/** A text's bytes with its longest length prefix (LEB128 of a length under 2^35). */
const text = (bytes: number) => bytes + 5;
/** A principal with its opaque-reference flag and length byte. */
const PRINCIPAL = MAX_PRINCIPAL_BYTES + 2;

/**
 * canister_inspect_message's rules for the registry: per method the largest argument the current params
 * allow and the caller guard the method itself applies (queries too: they can be sent as updates).
 * Validators let in any signed-in caller; their per-minute budget is the method's to spend.
 */
export function registryIngressRules(stores: RegistryStores): Record<string, IngressRule> {
  const { params, governance, invitation } = readMeta(stores);
  const signedIn = (caller: PrincipalText) => callerIsSignedIn(caller, 'ask a validator');
  const governed = (caller: PrincipalText) => callerIsGovernance(caller, governance);
  const fromInvitation = (caller: PrincipalText) => callerIsInvitation(caller, invitation);
  const contributor = (allowed: ContributorStatus[], action: string) => (caller: PrincipalText) => {
    const status = stores.contributors.get(caller)?.status;
    return status !== undefined && allowed.includes(status)
      ? undefined
      : unauthorized(`only ${allowed.join(' or ')} contributors may ${action}`);
  };
  const small = (caller: IngressRule['caller']): IngressRule => ({ maxArgBytes: SMALL_ARG_BYTES, caller });
  const admission =
    2 * PRINCIPAL +
    text(params.max_display_name_bytes) +
    8 +
    2 * text(params.max_hardware_text_bytes) +
    3 * 4 +
    text(params.max_models * text(params.max_model_name_bytes)) +
    SMALL_ARG_BYTES;
  const named = PRINCIPAL + text(params.max_display_name_bytes) + SMALL_ARG_BYTES;
  const reasoned = PRINCIPAL + text(params.max_reason_bytes) + SMALL_ARG_BYTES;
  const pair = (size: number) => ({
    validate: { maxArgBytes: size, caller: signedIn },
    execute: { maxArgBytes: size, caller: governed },
  });
  const add = pair(named);
  const removeProvider = pair(reasoned);
  const decision = pair(reasoned);
  const setParams = pair(SMALL_ARG_BYTES);
  return {
    admit_contributor: { maxArgBytes: admission, caller: fromInvitation, vectors: { models: params.max_models } },
    check_admission: { maxArgBytes: admission, caller: fromInvitation, vectors: { models: params.max_models } },
    validate_add_node_provider: add.validate,
    add_node_provider: add.execute,
    validate_remove_node_provider: removeProvider.validate,
    remove_node_provider: removeProvider.execute,
    validate_suspend_contributor: decision.validate,
    suspend_contributor: decision.execute,
    validate_reinstate_contributor: decision.validate,
    reinstate_contributor: decision.execute,
    validate_remove_contributor: decision.validate,
    remove_contributor: decision.execute,
    validate_set_params: setParams.validate,
    set_params: setParams.execute,
    offer_worker_key: small(contributor(['Active'], 'offer worker keys')),
    // The key itself accepts: it has no role yet, so any signed-in caller; the method looks for the offer.
    accept_worker_key: small((caller) => callerIsSignedIn(caller, 'accept worker-key offers')),
    unbind_worker_key: small(contributor(['Active', 'Suspended'], 'unbind worker keys')),
    role_of: small(anyone),
    get_contributor: small(anyone),
    list_contributors: small(anyone),
    list_node_providers: small(anyone),
    list_events: small(anyone),
    list_recent_events: small(anyone),
    list_membership_outbox: small(anyone),
    get_params: small(anyone),
    get_config: small(anyone),
    stats: small(anyone),
  };
}
