import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { bindKey, expectOk, freshKey, LATER, onlyRole, outcomeOf, snapshot, T0, world } from '../testing/world.ts';
import { removeContributor, reinstateContributor, suspendContributor } from './contributor-status.ts';
import { executeAction, validateAction } from './governance-action.ts';
import { takeMembershipBatch } from './outbox.ts';
import { roleOf } from './role-of.ts';

const decision = { contributor: ROLES.contributor, reason: 'missed jobs' };
const run = (action: typeof suspendContributor, stores = world(), payload = decision) =>
  executeAction(action, stores, ROLES.governance, LATER, payload);

/** Carol suspended, with her updates so far already delivered. */
function suspendedWorld() {
  const stores = world();
  expectOk(run(suspendContributor, stores));
  stores.outbox.entries().forEach(([key]) => stores.outbox.delete(key));
  return stores;
}

describe('suspend_contributor', () => {
  describe('caller matrix', () => {
    roleMatrix(
      (stores, caller) => executeAction(suspendContributor, stores, caller, LATER, decision),
      onlyRole('governance'),
    );
  });

  it('validator renders names, sponsor, key count and reason', () => {
    expect(validateAction(suspendContributor, world(), decision)).toEqual({
      Ok:
        `Suspend contributor "Carol" (${ROLES.contributor}) sponsored by "Nora" (${ROLES.nodeProvider}) with 1 worker key; ` +
        'their workers stop receiving jobs at once. Reason: "missed jobs"',
    });
  });

  it('validator escapes a reason that tries to forge markdown', () => {
    const forged = { contributor: ROLES.contributor, reason: '**approved** by [the foundation](x) | ok' };
    expect(validateAction(suspendContributor, world(), forged)).toMatchObject({
      Ok: expect.stringContaining('Reason: "\\*\\*approved\\*\\* by \\[the foundation\\](x) \\| ok"'),
    });
  });

  it('suspends, moves the sponsor figure, deactivates every key in the outbox and logs once', () => {
    const stores = world();
    const second = freshKey(3);
    expectOk(bindKey(stores, ROLES.contributor, T0, second));
    const eventsBefore = stores.events.size();
    expectOk(run(suspendContributor, stores));
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({
      status: 'Suspended',
      status_reason: 'missed jobs',
      updated_at: LATER,
    });
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({ sponsored_active: 0, sponsored_suspended: 1 });
    expect(takeMembershipBatch(stores).slice(-2)).toEqual([
      { seq: 3n, worker: ROLES.worker, contributor: ROLES.contributor, active: false },
      { seq: 4n, worker: second, contributor: ROLES.contributor, active: false },
    ]);
    expect(stores.events.size()).toBe(eventsBefore + 1);
    expect(roleOf(stores, ROLES.worker)).toEqual({ kind: 'Worker', contributor: ROLES.contributor, active: false });
  });

  it('refuses a non-Active contributor (validator Err, execution Err, nothing changes)', () => {
    const stores = suspendedWorld();
    const before = snapshot(stores);
    expect(validateAction(suspendContributor, stores, decision)).toEqual({
      Err: expect.stringMatching(/^Conflict: .*Suspended/),
    });
    expect(outcomeOf(run(suspendContributor, stores))).toBe('Conflict');
    expect(outcomeOf(run(suspendContributor, stores, { contributor: freshKey(4), reason: 'r' }))).toBe('NotFound');
    expect(outcomeOf(run(suspendContributor, stores, { ...decision, reason: '' }))).toBe('InvalidInput');
    expect(snapshot(stores)).toEqual(before);
  });
});

describe('reinstate_contributor', () => {
  describe('caller matrix', () => {
    roleMatrix(
      (stores, caller) => executeAction(reinstateContributor, stores, caller, LATER, decision),
      onlyRole('governance'),
      (stores) => expectOk(run(suspendContributor, stores)),
    );
  });

  it('reinstates a Suspended contributor and reactivates every key', () => {
    const stores = suspendedWorld();
    expect(validateAction(reinstateContributor, stores, decision)).toEqual({
      Ok: expect.stringMatching(/^Reinstate contributor "Carol"/),
    });
    expectOk(run(reinstateContributor, stores));
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({
      status: 'Active',
      status_reason: 'missed jobs',
    });
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({ sponsored_active: 1, sponsored_suspended: 0 });
    expect(takeMembershipBatch(stores)).toEqual([
      { seq: 3n, worker: ROLES.worker, contributor: ROLES.contributor, active: true },
    ]);
    expect(stores.events.entries().at(-1)![1]).toMatchObject({
      kind: 'ContributorReinstated',
      subject: ROLES.contributor,
    });
  });

  it('refuses an Active contributor', () => {
    expect(outcomeOf(run(reinstateContributor))).toBe('Conflict');
  });
});

describe('remove_contributor', () => {
  describe('caller matrix', () => {
    roleMatrix(
      (stores, caller) => executeAction(removeContributor, stores, caller, LATER, decision),
      onlyRole('governance'),
    );
  });

  it.each([
    ['Active', world],
    ['Suspended', suspendedWorld],
  ])('removes a %s contributor: unbinds all keys, tells the queue, logs removal and each unbind', (_from, make) => {
    const stores = make();
    const eventsBefore = stores.events.size();
    expect(validateAction(removeContributor, stores, decision)).toEqual({
      Ok: expect.stringContaining('all their worker keys are unbound'),
    });
    expectOk(run(removeContributor, stores));
    expect(stores.contributors.get(ROLES.contributor)).toMatchObject({ status: 'Removed', worker_keys: [] });
    expect(stores.workerKeys.has(ROLES.worker)).toBe(false);
    expect(roleOf(stores, ROLES.worker)).toEqual({ kind: 'None' });
    expect(takeMembershipBatch(stores).at(-1)).toMatchObject({ worker: ROLES.worker, active: false });
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({
      sponsored_active: 0,
      sponsored_suspended: 0,
      sponsored_removed: 1,
    });
    expect(
      stores.events
        .entries()
        .slice(eventsBefore)
        .map(([, e]) => e.kind),
    ).toEqual(['ContributorRemoved', 'WorkerKeyUnbound']);
  });

  it('refuses an already Removed contributor', () => {
    const stores = world();
    expectOk(run(removeContributor, stores));
    expect(outcomeOf(run(removeContributor, stores))).toBe('Conflict');
  });
});
