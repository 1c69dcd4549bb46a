import { callerIsGovernance } from '../../shared/domain/guards.ts';
import { isAnonymous, principalProblem, type PrincipalText } from '../../shared/domain/principal.ts';
import {
  invalidInput,
  isOk,
  ok,
  toValidation,
  type Result,
  type ValidationResult,
} from '../../shared/domain/result.ts';
import { governanceAfterUpgrade, type UpgradeArgs } from '../../shared/domain/upgrade.ts';
import { LAYOUT_VERSION } from './layout.ts';
import type { QueueStores } from './model.ts';
import { DEFAULT_PARAMS, renderParams, validateParams, type QueueParams } from './params.ts';
import { configCell } from './state.ts';

export interface QueueInit {
  governance: PrincipalText;
  registry: PrincipalText;
  params?: QueueParams;
  llm?: PrincipalText;
}

/** Install-time configuration; invalid init params are a deployment error, so this one throws. */
export function initQueue(stores: QueueStores, init: QueueInit): void {
  if (isAnonymous(init.governance) || isAnonymous(init.registry) || (init.llm !== undefined && isAnonymous(init.llm)))
    throw new Error(
      'invalid queue init: governance, registry and llm must be canister ids, not the anonymous principal',
    );
  const params = init.params ?? DEFAULT_PARAMS;
  const checked = validateParams(params);
  if (!isOk(checked)) throw new Error(`invalid queue params: ${JSON.stringify(checked.Err)}`);
  configCell(stores).set({
    governance: init.governance,
    registry: init.registry,
    params,
    llm: init.llm,
    layout: LAYOUT_VERSION,
  });
}

/** The queue's upgrade may also name the llm canister (a queue installed before it existed learns its id). */
export type QueueUpgradeArgs = UpgradeArgs & { llm?: PrincipalText };

/** post_upgrade: takes the governance and llm the upgrade names; Err (the upgrade must trap) changes nothing. */
export function upgradeQueue(
  stores: QueueStores,
  args: QueueUpgradeArgs | undefined,
  self: PrincipalText,
): Result<null> {
  const config = configCell(stores).get();
  const governance = governanceAfterUpgrade(config.governance, args, [self, config.registry]);
  if ('Err' in governance) return governance;
  const llm = args?.llm;
  const problem = llm === undefined ? undefined : principalProblem(llm);
  if (problem !== undefined) return invalidInput(`llm ${problem}`);
  configCell(stores).set({ ...config, governance: governance.Ok, llm: llm ?? config.llm });
  return ok(null);
}

/** Params stored before a parameter existed read as its default (upgrades keep the stored record as it was). */
export const currentParams = (stores: QueueStores): QueueParams => ({
  ...DEFAULT_PARAMS,
  ...configCell(stores).get().params,
});

/** Deterministic and read-only: what set_params would do with this payload. */
export function validateSetParams(stores: QueueStores, params: QueueParams): ValidationResult {
  const checked = validateParams(params);
  if (!isOk(checked)) return toValidation(checked);
  const before = currentParams(stores);
  const changed = Object.keys(params).filter(
    (name) => JSON.stringify(params[name as keyof QueueParams]) !== JSON.stringify(before[name as keyof QueueParams]),
  );
  const summary = changed.length === 0 ? 'no parameter changes' : `changes: ${changed.join(', ')}`;
  return toValidation(ok(`Set queue parameters (${summary}) to:\n${renderParams(params)}`));
}

export function setParams(stores: QueueStores, caller: PrincipalText, params: QueueParams): Result<null> {
  const denied = callerIsGovernance(caller, configCell(stores).get().governance);
  if (denied) return denied;
  const checked = validateParams(params);
  if (!isOk(checked)) return checked;
  const cell = configCell(stores);
  cell.set({ ...cell.get(), params });
  return ok(null);
}
