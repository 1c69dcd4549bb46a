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
import type { Contributor, KeyOffer } from './types.ts';

export const DAY_NS = 86_400_000_000_000n;
/** How long a key has to accept an offer; `worker keys bind` accepts within seconds. */
export const KEY_OFFER_TTL_NS = DAY_NS;

/** The contributor's offers that have not expired (records from before offers existed have none). */
export const liveOffers = (contributor: Contributor, now: bigint): KeyOffer[] =>
  (contributor.key_offers ?? []).filter((offer) => offer.expires_at > now);

/** Why `key` cannot become a worker key of `contributor`, or undefined. Shared by offer and accept. */
function keyRefusal(stores: RegistryStores, contributor: Contributor, key: PrincipalText): Result<null> {
  const keyError = checkPrincipal('worker key', key);
  if (keyError) return keyError;
  if (key === contributor.id) return invalidInput('a contributor cannot bind its own principal as a worker key');
  if (stores.workerKeys.get(key)?.contributor === contributor.id) {
    return conflict(`${key} is already one of your worker keys`);
  }
  const taken = identityTaken(stores, key);
  return taken ? conflict(`${key} ${taken}`) : ok(null);
}

/**
 * Step one of binding: the Active contributor offers a key. Nothing is bound until the key accepts
 * with its own signature (accept_worker_key), so no one can claim a principal they do not hold.
 * Bound keys plus live offers stay within max_worker_keys; offers count against the daily bind budget.
 */
export function offerWorkerKey(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  key: PrincipalText,
): Result<null> {
  const contributor = stores.contributors.get(caller);
  if (contributor?.status !== 'Active') return unauthorized('only Active contributors may offer worker keys');
  const refused = keyRefusal(stores, contributor, key);
  if ('Err' in refused) return refused;
  const { params } = readMeta(stores);
  const offers = liveOffers(contributor, now).filter((offer) => offer.key !== key);
  if (contributor.worker_keys.length + offers.length >= params.max_worker_keys) {
    return limitExceeded(
      `you already have ${params.max_worker_keys} worker keys and open offers; unbind or let an offer expire`,
    );
  }
  const window =
    now - contributor.key_binds.window_start >= DAY_NS ? { window_start: now, count: 0 } : contributor.key_binds;
  if (window.count >= params.max_key_binds_per_day) {
    return limitExceeded(`at most ${params.max_key_binds_per_day} worker key offers per day`);
  }
  stores.contributors.set(caller, {
    ...contributor,
    key_offers: [...offers, { key, expires_at: now + KEY_OFFER_TTL_NS }],
    key_binds: { ...window, count: window.count + 1 },
    updated_at: now,
  });
  return ok(null);
}

/**
 * Step two, signed by the key itself: it accepts the named contributor's open offer and is bound; the
 * queue learns it is active. Every check of the offer is made again: the world may have moved since.
 */
export function acceptWorkerKey(
  stores: RegistryStores,
  caller: PrincipalText,
  now: bigint,
  contributorId: PrincipalText,
): Result<null> {
  const contributor = stores.contributors.get(contributorId);
  const offer = contributor && liveOffers(contributor, now).find((o) => o.key === caller);
  if (contributor === undefined || offer === undefined) {
    return notFound(`contributor ${contributorId} has no open offer for ${caller}`);
  }
  if (contributor.status !== 'Active') {
    return unauthorized(`contributor ${contributorId} is ${contributor.status}; only Active contributors bind keys`);
  }
  const refused = keyRefusal(stores, contributor, caller);
  if ('Err' in refused) return refused;
  const { params } = readMeta(stores);
  if (contributor.worker_keys.length >= params.max_worker_keys) {
    return limitExceeded(`contributor ${contributorId} already has ${params.max_worker_keys} worker keys`);
  }

  stores.contributors.set(contributorId, {
    ...contributor,
    worker_keys: [...contributor.worker_keys, caller],
    key_offers: liveOffers(contributor, now).filter((o) => o.key !== caller),
    updated_at: now,
  });
  stores.workerKeys.set(caller, { key: caller, contributor: contributorId, bound_at: now });
  enqueueMembership(stores, caller, contributorId, true);
  appendEvent(stores, {
    kind: 'WorkerKeyBound',
    subject: caller,
    actor: caller,
    proposal_id: undefined,
    time: now,
    detail: `Accepted the offer of contributor ${contributorId}`,
  });
  return ok(null);
}

/**
 * Unbinds one of the caller's keys, or withdraws an open offer of it; allowed while Suspended too,
 * e.g. to retire a leaked key.
 */
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
  const offers = liveOffers(contributor, now);
  if (!contributor.worker_keys.includes(key)) {
    if (!offers.some((offer) => offer.key === key)) return notFound(`${key} is not one of your worker keys`);
    stores.contributors.set(caller, {
      ...contributor,
      key_offers: offers.filter((o) => o.key !== key),
      updated_at: now,
    });
    return ok(null);
  }

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
