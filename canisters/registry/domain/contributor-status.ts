import type { PrincipalText } from '../../shared/domain/principal.ts';
import { conflict, notFound, ok, type Result } from '../../shared/domain/result.ts';
import { appendEvent } from './events.ts';
import type { GovernanceAction } from './governance-action.ts';
import { checkReason } from './input-checks.ts';
import { enqueueMembership } from './outbox.ts';
import { describePrincipal, plural, quoted } from './render.ts';
import { moveSponsored } from './sponsor-figures.ts';
import { readMeta, type RegistryStores } from './stores.ts';
import type { Contributor, ContributorStatus, EventKind } from './types.ts';

export interface ContributorDecision {
  contributor: PrincipalText;
  reason: string;
}

interface Transition {
  verb: string;
  from: ContributorStatus[];
  to: ContributorStatus;
  event: EventKind;
  effect: string;
}

function planTransition(
  stores: RegistryStores,
  t: Transition,
  { contributor, reason }: ContributorDecision,
): Result<string> {
  const reasonError = checkReason(readMeta(stores).params, reason);
  if (reasonError) return reasonError;
  const record = stores.contributors.get(contributor);
  if (record === undefined) return notFound(`${contributor} is not a contributor`);
  if (!t.from.includes(record.status)) {
    return conflict(
      `contributor ${contributor} is ${record.status}; only ${t.from.join(' or ')} contributors can be ${t.to === 'Active' ? 'reinstated' : t.to.toLowerCase()}`,
    );
  }
  return ok(
    `${t.verb} contributor ${describePrincipal(stores, contributor)} sponsored by ${describePrincipal(stores, record.sponsor)} ` +
      `with ${plural(record.worker_keys.length, 'worker key')}; ${t.effect} Reason: ${quoted(reason)}`,
  );
}

function applyTransition(
  stores: RegistryStores,
  t: Transition,
  caller: PrincipalText,
  now: bigint,
  { contributor, reason }: ContributorDecision,
): Contributor | undefined {
  const record = stores.contributors.get(contributor);
  if (record === undefined) return undefined;
  const updated: Contributor = { ...record, status: t.to, status_reason: reason, updated_at: now };
  stores.contributors.set(contributor, updated);
  moveSponsored(stores, record.sponsor, record.status, t.to);
  appendEvent(stores, {
    kind: t.event,
    subject: contributor,
    actor: caller,
    proposal_id: undefined,
    time: now,
    detail: reason,
  });
  return updated;
}

const SUSPEND: Transition = {
  verb: 'Suspend',
  from: ['Active'],
  to: 'Suspended',
  event: 'ContributorSuspended',
  effect: 'their workers stop receiving jobs at once.',
};
const REINSTATE: Transition = {
  verb: 'Reinstate',
  from: ['Suspended'],
  to: 'Active',
  event: 'ContributorReinstated',
  effect: 'their workers may receive jobs again.',
};
const REMOVE: Transition = {
  verb: 'Remove',
  from: ['Active', 'Suspended'],
  to: 'Removed',
  event: 'ContributorRemoved',
  effect: 'all their worker keys are unbound.',
};

export const suspendContributor: GovernanceAction<ContributorDecision> = {
  plan: (stores, payload) => planTransition(stores, SUSPEND, payload),
  apply(stores, caller, now, payload) {
    const updated = applyTransition(stores, SUSPEND, caller, now, payload);
    for (const key of updated?.worker_keys ?? []) enqueueMembership(stores, key, payload.contributor, false);
  },
};

export const reinstateContributor: GovernanceAction<ContributorDecision> = {
  plan: (stores, payload) => planTransition(stores, REINSTATE, payload),
  apply(stores, caller, now, payload) {
    const updated = applyTransition(stores, REINSTATE, caller, now, payload);
    for (const key of updated?.worker_keys ?? []) enqueueMembership(stores, key, payload.contributor, true);
  },
};

/**
 * Removal unbinds every key, frees them for anyone, drops open offers, and tells the queue each key is
 * inactive (even keys a suspension already stopped). Suspension keeps keys bound but inactive.
 */
export const removeContributor: GovernanceAction<ContributorDecision> = {
  plan: (stores, payload) => planTransition(stores, REMOVE, payload),
  apply(stores, caller, now, payload) {
    const updated = applyTransition(stores, REMOVE, caller, now, payload);
    if (updated === undefined) return;
    stores.contributors.set(payload.contributor, { ...updated, worker_keys: [], key_offers: [] });
    for (const key of updated.worker_keys) {
      stores.workerKeys.delete(key);
      enqueueMembership(stores, key, payload.contributor, false);
      appendEvent(stores, {
        kind: 'WorkerKeyUnbound',
        subject: key,
        actor: caller,
        proposal_id: undefined,
        time: now,
        detail: `Unbound from removed contributor ${payload.contributor}`,
      });
    }
  },
};
