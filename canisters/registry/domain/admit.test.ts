import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { roleMatrix } from '../testing/role-matrix.ts';
import { admission, expectOk, freshKey, LATER, onlyRole, outcomeOf, snapshot, T0, world } from '../testing/world.ts';
import { admitContributor, checkAdmission, type AdmitContributor } from './admit.ts';
import { executeAction } from './governance-action.ts';
import { addNodeProvider, removeNodeProvider } from './node-providers.ts';
import { removeContributor, suspendContributor } from './contributor-status.ts';
import { roleOf } from './role-of.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { setParams } from './set-params.ts';

const newcomer = freshKey(1);
const longPrincipal = Principal.fromUint8Array(new Uint8Array(30).fill(3)).toText();
const admit = (stores = world(), overrides: Partial<AdmitContributor> = {}) =>
  admitContributor(
    stores,
    ROLES.invitationCanister,
    LATER,
    admission({ contributor: newcomer, proposal_id: 9n, ...overrides }),
  );

describe('admit_contributor', () => {
  describe('caller matrix', () => {
    roleMatrix(
      (stores, caller) => admitContributor(stores, caller, LATER, admission({ contributor: newcomer })),
      onlyRole('invitationCanister'),
    );
  });

  it('creates an Active contributor, counts them for the sponsor and logs the proposal id', () => {
    const stores = world();
    const contributor = expectOk(admit(stores));
    expect(contributor).toMatchObject({
      id: newcomer,
      display_name: 'Carol',
      sponsor: ROLES.nodeProvider,
      proposal_id: 9n,
      status: 'Active',
      worker_keys: [],
      admitted_at: LATER,
      updated_at: LATER,
      status_reason: undefined,
    });
    expect(stores.contributors.get(newcomer)).toEqual(contributor);
    expect(stores.nodeProviders.get(ROLES.nodeProvider)?.sponsored_active).toBe(2);
    const last = stores.events.entries().at(-1)![1];
    expect(last).toMatchObject({
      kind: 'ContributorAdmitted',
      subject: newcomer,
      actor: ROLES.invitationCanister,
      proposal_id: 9n,
      time: LATER,
    });
    expect(roleOf(stores, newcomer)).toEqual({ kind: 'Contributor', status: 'Active' });
  });

  it.each([
    ['a node provider', ROLES.nodeProvider],
    ['an Active contributor', ROLES.contributor],
    ['a bound worker key', ROLES.worker],
    ['the governance canister', ROLES.governance],
    ['the queue canister', ROLES.queueCanister],
  ])('conflicts when the principal is %s', (_name, principal) => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(admit(stores, { contributor: principal }))).toBe('Conflict');
    expect(snapshot(stores)).toEqual(before);
  });

  it('conflicts for a Suspended contributor and for a removed (inactive) node provider', () => {
    const stores = world();
    expectOk(
      executeAction(suspendContributor, stores, ROLES.governance, T0, { contributor: ROLES.contributor, reason: 'r' }),
    );
    expect(admit(stores, { contributor: ROLES.contributor })).toEqual({
      Err: { Conflict: expect.stringContaining('Suspended') },
    });
    expectOk(executeAction(addNodeProvider, stores, ROLES.governance, T0, { id: newcomer, display_name: 'Nina' }));
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, T0, { id: newcomer, reason: 'r' }));
    expect(admit(stores)).toEqual({ Err: { Conflict: expect.stringContaining('node provider') } });
  });

  it('re-admits a Removed contributor with the new sponsor and proposal, moving sponsor figures', () => {
    const stores = world();
    const otherSponsor = testPrincipal(70);
    expectOk(executeAction(addNodeProvider, stores, ROLES.governance, T0, { id: otherSponsor, display_name: 'Omar' }));
    expectOk(
      executeAction(removeContributor, stores, ROLES.governance, T0, {
        contributor: ROLES.contributor,
        reason: 'gone',
      }),
    );
    expect(stores.nodeProviders.get(ROLES.nodeProvider)?.sponsored_removed).toBe(1);

    const back = expectOk(admit(stores, { contributor: ROLES.contributor, sponsor: otherSponsor, proposal_id: 12n }));
    expect(back).toMatchObject({
      status: 'Active',
      sponsor: otherSponsor,
      proposal_id: 12n,
      worker_keys: [],
      status_reason: undefined,
      admitted_at: LATER,
    });
    expect(stores.nodeProviders.get(ROLES.nodeProvider)).toMatchObject({ sponsored_active: 0, sponsored_removed: 0 });
    expect(stores.nodeProviders.get(otherSponsor)).toMatchObject({ sponsored_active: 1 });
    expect(stores.events.entries().at(-1)![1].detail).toContain('Re-admitted');
  });

  it.each([
    ['anonymous contributor', { contributor: ANONYMOUS }, 'InvalidInput'],
    ['empty display name', { display_name: '' }, 'InvalidInput'],
    ['display name over 64 bytes', { display_name: 'é'.repeat(33) }, 'LimitExceeded'],
    ['unknown sponsor', { sponsor: testPrincipal(71) }, 'NotFound'],
    ['empty region', { hardware: { ...admission().hardware, region: '' } }, 'InvalidInput'],
    ['gpu text over the limit', { hardware: { ...admission().hardware, gpu: 'g'.repeat(65) } }, 'LimitExceeded'],
    ['zero cpu cores', { hardware: { ...admission().hardware, cpu_cores: 0 } }, 'InvalidInput'],
    ['zero RAM', { hardware: { ...admission().hardware, ram_gib: 0 } }, 'InvalidInput'],
    ['17 models', { models: Array.from({ length: 17 }, (_, i) => `m${i}`) }, 'LimitExceeded'],
    ['a model name over 128 bytes', { models: ['m'.repeat(129)] }, 'LimitExceeded'],
    ['an empty model name', { models: [''] }, 'InvalidInput'],
    ['repeated models', { models: ['a', 'a'] }, 'InvalidInput'],
    ['a contributor principal of 30 bytes', { contributor: longPrincipal }, 'InvalidInput'],
    ['a display name with a newline', { display_name: 'Carol\nApproved' }, 'InvalidInput'],
    ['a display name with a bidi override', { display_name: 'Carol\u202e' }, 'InvalidInput'],
    ['a zero-width-only display name', { display_name: '\u200b\u200b' }, 'InvalidInput'],
    ['a model name with an escape sequence', { models: ['tiny\u001b[2J'] }, 'InvalidInput'],
    [
      'a region with a control character',
      { hardware: { ...admission().hardware, region: 'eu\u0000' } },
      'InvalidInput',
    ],
  ] as const)('rejects %s and changes nothing', (_name, overrides, outcome) => {
    const stores = world();
    const before = snapshot(stores);
    expect(outcomeOf(admit(stores, overrides as Partial<AdmitContributor>))).toBe(outcome);
    expect(snapshot(stores)).toEqual(before);
  });

  it('accepts a CPU-only host (empty gpu) and exactly max_models models', () => {
    const models = Array.from({ length: 16 }, (_, i) => `m${i}`);
    expect(outcomeOf(admit(world(), { hardware: { ...admission().hardware, gpu: '' }, models }))).toBe('Ok');
  });

  it('refuses a sponsor who was removed as a node provider, also in the validator plan', () => {
    const stores = world();
    expectOk(executeAction(removeNodeProvider, stores, ROLES.governance, T0, { id: ROLES.nodeProvider, reason: 'r' }));
    const before = snapshot(stores);
    const refused = { Err: { Conflict: `sponsor ${ROLES.nodeProvider} was removed as a node provider` } };
    expect(admit(stores)).toEqual(refused);
    expect(checkAdmission(stores, ROLES.invitationCanister, admission({ contributor: newcomer }))).toEqual(refused);
    expect(snapshot(stores)).toEqual(before);
  });

  it('check_admission answers only the invitation canister, with what admit would do, and writes nothing', () => {
    const stores = world();
    const before = snapshot(stores);
    const args = admission({ contributor: newcomer });
    expect(checkAdmission(stores, ROLES.invitationCanister, args)).toEqual({
      Ok: `Admit "Carol" (${newcomer}) sponsored by "Nora" (${ROLES.nodeProvider}).`,
    });
    expect(outcomeOf(checkAdmission(stores, ROLES.stranger, args))).toBe('Unauthorized');
    expect(outcomeOf(checkAdmission(stores, ROLES.invitationCanister, { ...args, models: ['m'.repeat(129)] }))).toBe(
      'LimitExceeded',
    );
    expect(snapshot(stores)).toEqual(before);
  });

  it('enforces max_contributors, counting removed ones', () => {
    const stores = world();
    expectOk(
      executeAction(setParams, stores, ROLES.governance, T0, {
        expected: DEFAULT_PARAMS,
        params: { ...DEFAULT_PARAMS, max_contributors: 1 },
      }),
    );
    expect(outcomeOf(admit(stores))).toBe('LimitExceeded');
  });
});
