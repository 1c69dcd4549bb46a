import { callerIsGovernance, callerIsRegistry, callerIsSignedIn } from '../../shared/domain/guards.ts';
import { anyone, SMALL_ARG_BYTES, type IngressRule } from '../../shared/domain/inspect.ts';
import { MAX_PRINCIPAL_BYTES, type PrincipalText } from '../../shared/domain/principal.ts';
import { unauthorized } from '../../shared/domain/result.ts';
import { knownNodeProvider, MAX_NODE_PROVIDERS } from './node-providers.ts';
import { MAX_HARDWARE_TEXT_BYTES, MAX_MODEL_NAME_BYTES } from './params.ts';
import { openCount, paramsCell, readConfig, type InvitationStores } from './stores.ts';

/** A text's bytes with its longest length prefix (LEB128 of a length under 2^35). */
const text = (bytes: number) => bytes + 5;
/** A principal with its opaque-reference flag and length byte. */
const PRINCIPAL = MAX_PRINCIPAL_BYTES + 2;

/**
 * canister_inspect_message's rules for the invitation: per method the largest argument the current
 * params allow and the caller guard the method itself applies (queries too: they can be sent as updates).
 * nominate asks the node-provider set the registry pushed, so a stranger's nominate is not even decoded.
 */
export function invitationIngressRules(stores: InvitationStores): Record<string, IngressRule> {
  const params = paramsCell(stores).get();
  const { governance, registry } = readConfig(stores);
  const signedIn = (action: string) => (caller: PrincipalText) => callerIsSignedIn(caller, action);
  // A node provider, or one removed while its nominations are open: link_proposal may come after the adopted
  // proposal already admitted the nomination (the CLI links once it has proposed), so not only open ones count.
  const nominator = (caller: PrincipalText) =>
    knownNodeProvider(stores, caller) || openCount(stores, caller) > 0
      ? undefined
      : unauthorized('caller is no node provider and has no open nomination');
  const small = (caller: IngressRule['caller']): IngressRule => ({ maxArgBytes: SMALL_ARG_BYTES, caller });
  const nominateBytes =
    PRINCIPAL +
    text(params.max_display_name_bytes) +
    text(params.max_motivation_bytes) +
    2 * text(MAX_HARDWARE_TEXT_BYTES) +
    3 * 4 +
    text(params.max_models * text(MAX_MODEL_NAME_BYTES));
  return {
    nominate: {
      maxArgBytes: nominateBytes + SMALL_ARG_BYTES,
      caller: (caller) =>
        knownNodeProvider(stores, caller) ? undefined : unauthorized('only node providers can nominate'),
      vectors: { models: params.max_models },
    },
    withdraw: small(nominator),
    link_proposal: small(nominator),
    reconcile: small(nominator),
    validate_admit: small(signedIn('ask a validator')),
    admit: small((caller) => callerIsGovernance(caller, governance)),
    validate_set_params: small(signedIn('ask a validator')),
    set_params: small((caller) => callerIsGovernance(caller, governance)),
    apply_node_providers: {
      maxArgBytes: text(MAX_NODE_PROVIDERS * PRINCIPAL) + 8 + SMALL_ARG_BYTES,
      caller: (caller) => callerIsRegistry(caller, registry),
      vectors: { node_providers: MAX_NODE_PROVIDERS },
    },
    get_nomination: small(anyone),
    list_nominations: small(anyone),
    get_params: small(anyone),
    stats: small(anyone),
  };
}
