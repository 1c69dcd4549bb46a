import type { PrincipalText } from '../../shared/domain/principal.ts';
import { checkCount, firstError } from '../../shared/domain/validate.ts';
import { invalidInput, ok, type Result } from '../../shared/domain/result.ts';
import { checkDisplayName, checkPrincipal } from './input-checks.ts';
import { checkParams, DEFAULT_PARAMS, type RegistryParams } from './params.ts';
import { governanceAfterUpgrade, type UpgradeArgs } from '../../shared/domain/upgrade.ts';
import { appendEvent } from './events.ts';
import { metaCell, type RegistryStores } from './stores.ts';
import { newNodeProvider, putNodeProvider } from './node-provider-record.ts';

export interface RegistryInit {
  governance: PrincipalText;
  invitation: PrincipalText;
  queue: PrincipalText;
  node_providers: Array<{ id: PrincipalText; display_name: string }>;
  params: RegistryParams | undefined;
}

/** Checks the install arguments and writes the initial state; on Err nothing is written. */
export function initRegistry(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  init: RegistryInit,
): Result<null> {
  const params = init.params ?? DEFAULT_PARAMS;
  const paramsCheck = checkParams(params);
  if ('Err' in paramsCheck) return paramsCheck;
  const canisters = [init.governance, init.invitation, init.queue];
  const error = firstError(
    checkPrincipal('governance', init.governance),
    checkPrincipal('invitation', init.invitation),
    checkPrincipal('queue', init.queue),
    new Set(canisters).size === 3 ? undefined : invalidInput('governance, invitation and queue must be distinct'),
    checkCount('node_providers', init.node_providers.length, params.max_node_providers),
    ...init.node_providers.flatMap((provider) => [
      checkPrincipal('node provider id', provider.id),
      checkDisplayName(params, provider.display_name),
      canisters.includes(provider.id) ? invalidInput(`node provider ${provider.id} is a system canister`) : undefined,
    ]),
    new Set(init.node_providers.map((p) => p.id)).size === init.node_providers.length
      ? undefined
      : invalidInput('node_providers must not repeat a principal'),
  );
  if (error) return error;

  metaCell(stores).set({
    governance: init.governance,
    invitation: init.invitation,
    queue: init.queue,
    params,
    last_membership_seq: 0n,
    membership_epoch: now,
  });
  for (const { id, display_name } of init.node_providers) {
    putNodeProvider(
      stores,
      newNodeProvider(id, display_name, now),
      caller,
      now,
      `Genesis node provider ${JSON.stringify(display_name)}`,
    );
  }
  return ok(null);
}

/**
 * post_upgrade: re-points governance when the upgrade names another one, logged so token holders can see when
 * and by whom (the upgrading controller) it changed; Err (the upgrade must trap) changes nothing.
 */
export function upgradeRegistry(
  stores: RegistryStores,
  args: UpgradeArgs | undefined,
  context: { caller: PrincipalText; now: bigint; self: PrincipalText },
): Result<null> {
  const meta = metaCell(stores).get();
  const governance = governanceAfterUpgrade(meta.governance, args, [context.self, meta.invitation, meta.queue]);
  if ('Err' in governance) return governance;
  if (governance.Ok === meta.governance) return ok(null);
  metaCell(stores).set({ ...meta, governance: governance.Ok });
  appendEvent(stores, {
    kind: 'GovernanceChanged',
    subject: governance.Ok,
    actor: context.caller,
    proposal_id: undefined,
    time: context.now,
    detail: `governance changed by an upgrade from ${meta.governance} to ${governance.Ok}`,
  });
  return ok(null);
}
