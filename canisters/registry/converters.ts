/** Candid values <-> domain values: principals become text, opt becomes undefined, variants become strings. */
import { Principal } from '@dfinity/principal';

import type { MembershipBatch } from '../queue/domain/membership.ts';
import type { AdmitContributor } from './domain/admit.ts';
import type { ContributorDecision as DomainDecision } from './domain/contributor-status.ts';
import type { RegistryInit as DomainInit } from './domain/init.ts';
import type * as D from './domain/types.ts';
import type * as C from './interface.ts';

const p = (text: string): Principal => Principal.fromText(text);
export const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export function initFromCandid(init: C.RegistryInit): DomainInit {
  return {
    governance: init.governance.toText(),
    invitation: init.invitation.toText(),
    queue: init.queue.toText(),
    node_providers: init.node_providers.map(({ id, display_name }) => ({ id: id.toText(), display_name })),
    params: init.params[0],
  };
}

export const admitFromCandid = (a: C.AdmitContributorArgs): AdmitContributor => ({
  ...a,
  contributor: a.contributor.toText(),
  sponsor: a.sponsor.toText(),
});

export const decisionFromCandid = (d: C.ContributorDecision): DomainDecision => ({
  contributor: d.contributor.toText(),
  reason: d.reason,
});

export function roleToCandid(role: D.Role): C.Role {
  switch (role.kind) {
    case 'None':
      return { None: null };
    case 'NodeProvider':
      return { NodeProvider: null };
    case 'Contributor':
      return { Contributor: statusToCandid(role.status) };
    case 'Worker':
      return { Worker: { contributor: p(role.contributor), active: role.active } };
  }
}

export const statusToCandid = (status: D.ContributorStatus) => ({ [status]: null }) as C.ContributorStatus;

export function contributorToCandid(c: D.Contributor): C.Contributor {
  return {
    id: p(c.id),
    display_name: c.display_name,
    sponsor: p(c.sponsor),
    proposal_id: c.proposal_id,
    status: statusToCandid(c.status),
    hardware: c.hardware,
    models: c.models,
    worker_keys: c.worker_keys.map(p),
    admitted_at: c.admitted_at,
    updated_at: c.updated_at,
    status_reason: opt(c.status_reason),
  };
}

export const nodeProviderToCandid = (n: D.NodeProvider): C.NodeProvider => ({ ...n, id: p(n.id) });

export const eventToCandid = (e: D.RegistryEvent): C.Event => ({
  ...e,
  kind: { [e.kind]: null } as C.EventKind,
  subject: p(e.subject),
  actor: p(e.actor),
  proposal_id: opt(e.proposal_id),
});

export const membershipToCandid = (u: D.MembershipUpdate): C.MembershipUpdate => ({
  ...u,
  worker: p(u.worker),
  contributor: p(u.contributor),
});

export const membershipBatchToCandid = (b: MembershipBatch): C.MembershipBatch => ({
  epoch: b.epoch,
  snapshot: opt(b.snapshot),
  skip: opt(b.skip),
  updates: b.updates.map(membershipToCandid),
});
