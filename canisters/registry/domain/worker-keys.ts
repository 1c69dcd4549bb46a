import type { PrincipalText } from '../../shared/domain/principal.ts';
import {
  conflict,
  invalidInput,
  limitExceeded,
  notFound,
  ok,
  unauthorized,
  type Result,
} from '../../shared/domain/result.ts';
import { appendEvent } from './events.ts';
import { checkPrincipal } from './input-checks.ts';
import { enqueueMembership } from './outbox.ts';
import { identityTaken } from './role-of.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { Contributor } from './types.ts';

export const DAY_NS = 86_400_000_000_000n;

/** Binds a worker key to the calling Active contributor; the queue learns it is active. */
export function bindWorkerKey(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  key: PrincipalText,
): Result<null> {
  const contributor = stores.contributors.get(caller);
  if (contributor?.status !== 'Active') return unauthorized('only Active contributors may bind worker keys');
  const { params } = readMeta(stores);
  const keyError = checkPrincipal('worker key', key);
  if (keyError) return keyError;
  if (key === caller) return invalidInput('a contributor cannot bind its own principal as a worker key');
  const bound = stores.workerKeys.get(key);
  if (bound?.contributor === caller) return conflict(`${key} is already one of your worker keys`);
  const taken = identityTaken(stores, key);
  if (taken) return conflict(`${key} ${taken}`);
  if (contributor.worker_keys.length >= params.max_worker_keys) {
    return limitExceeded(`you already have ${params.max_worker_keys} worker keys`);
  }
  const window =
    now - contributor.key_binds.window_start >= DAY_NS ? { window_start: now, count: 0 } : contributor.key_binds;
  if (window.count >= params.max_key_binds_per_day) {
    return limitExceeded(`at most ${params.max_key_binds_per_day} worker key binds per day`);
  }

  const updated: Contributor = {
    ...contributor,
    worker_keys: [...contributor.worker_keys, key],
    key_binds: { ...window, count: window.count + 1 },
    updated_at: now,
  };
  stores.contributors.set(caller, updated);
  stores.workerKeys.set(key, { key, contributor: caller, bound_at: now });
  enqueueMembership(stores, key, caller, true);
  appendEvent(stores, {
    kind: 'WorkerKeyBound',
    subject: key,
    actor: caller,
    proposal_id: undefined,
    time: now,
    detail: `Bound to contributor ${caller}`,
  });
  return ok(null);
}

/** Unbinds one of the caller's keys; allowed while Suspended too, e.g. to retire a leaked key. */
export function unbindWorkerKey(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  key: PrincipalText,
): Result<null> {
  const contributor = stores.contributors.get(caller);
  if (contributor === undefined || contributor.status === 'Removed') {
    return unauthorized('only Active or Suspended contributors may unbind worker keys');
  }
  if (!contributor.worker_keys.includes(key)) return notFound(`${key} is not one of your worker keys`);

  stores.contributors.set(caller, {
    ...contributor,
    worker_keys: contributor.worker_keys.filter((k) => k !== key),
    updated_at: now,
  });
  stores.workerKeys.delete(key);
  enqueueMembership(stores, key, caller, false);
  appendEvent(stores, {
    kind: 'WorkerKeyUnbound',
    subject: key,
    actor: caller,
    proposal_id: undefined,
    time: now,
    detail: `Unbound by contributor ${caller}`,
  });
  return ok(null);
}
