import { isAnonymous, type PrincipalText } from '../../shared/domain/principal.ts';
import { ok, type Result } from '../../shared/domain/result.ts';
import { Cell, type Store } from '../../shared/domain/store.ts';
import { governanceAfterUpgrade, type UpgradeArgs } from '../../shared/domain/upgrade.ts';
import type { Outcome } from './hold.ts';
import { checkParams, DEFAULT_PARAMS, type LlmParams } from './params.ts';

export interface LlmConfig {
  governance: PrincipalText;
  queue: PrincipalText;
  params: LlmParams;
}

/** Totals since install, for /metrics. `held` is the number of chat calls open right now. */
export interface LlmCounters {
  chats_v0: bigint;
  chats_v1: bigint;
  outcomes: Record<Outcome, bigint>;
  /** get_job calls made by held calls (one per round per open call). */
  polls: bigint;
  held: bigint;
  /** Sum over answered calls of the time from the call to its answer, ns. */
  held_ns_total: bigint;
}

export interface LlmStores {
  config: Store<LlmConfig>;
  counters: Store<LlmCounters>;
}

export const configCell = (stores: LlmStores) =>
  // Before init no governance or queue: the empty text matches no caller.
  new Cell<LlmConfig>(stores.config, () => ({ governance: '', queue: '', params: DEFAULT_PARAMS }));

const zeroOutcomes = (): Record<Outcome, bigint> => ({
  replied: 0n,
  timeout: 0n,
  failed: 0n,
  cancelled: 0n,
  expired: 0n,
  refused: 0n,
});

export const countersCell = (stores: LlmStores) =>
  new Cell<LlmCounters>(stores.counters, () => ({
    chats_v0: 0n,
    chats_v1: 0n,
    outcomes: zeroOutcomes(),
    polls: 0n,
    held: 0n,
    held_ns_total: 0n,
  }));

export function count(stores: LlmStores, change: (c: LlmCounters) => void): void {
  const cell = countersCell(stores);
  const counters = cell.get();
  change(counters);
  cell.set(counters);
}

export interface LlmInit {
  governance: PrincipalText;
  queue: PrincipalText;
  params?: LlmParams;
}

/** post_upgrade: re-points governance when the upgrade names one; Err (the upgrade must trap) changes nothing. */
export function upgradeLlm(stores: LlmStores, args: UpgradeArgs | undefined, self: PrincipalText): Result<null> {
  const config = configCell(stores).get();
  const governance = governanceAfterUpgrade(config.governance, args, [self, config.queue]);
  if ('Err' in governance) return governance;
  configCell(stores).set({ ...config, governance: governance.Ok });
  return ok(null);
}

/** Install-time configuration; an invalid one is a deployment error, so this throws. */
export function initLlm(stores: LlmStores, init: LlmInit): void {
  if (isAnonymous(init.governance) || isAnonymous(init.queue))
    throw new Error('invalid llm init: governance and queue must be canister ids, not the anonymous principal');
  const params = init.params ?? DEFAULT_PARAMS;
  const checked = checkParams(params);
  if ('Err' in checked) throw new Error(`invalid llm params: ${JSON.stringify(checked.Err)}`);
  configCell(stores).set({ governance: init.governance, queue: init.queue, params });
}
