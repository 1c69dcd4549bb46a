import { describe, expect, it } from 'vitest';

import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { Result } from '../../shared/domain/result.ts';
import { ALL_ROLES, ROLES, testPrincipal, type Role } from '../../shared/testing/roles.ts';
import { complete } from './complete.ts';
import { fail } from './fail.ts';
import { setParams, validateSetParams } from './config.ts';
import { expireLeasesCall } from './expiry.ts';
import { extend } from './holder.ts';
import { cancel } from './jobs.ts';
import { lease } from './lease.ts';
import { applyMembership } from './membership.ts';
import type { QueueStores } from './model.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { submit } from './submit.ts';
import { job, membershipPush, mustLease, mustSubmit, snapshot, T0, world } from './testing.ts';
import { heartbeat } from './workers.ts';

/**
 * The world every row runs in: ROLES.worker is an active worker key (made so by the registry),
 * ROLES.stranger submitted a job that ROLES.worker holds under `token`, and a second job is queued.
 */
interface Ctx {
  stores: QueueStores;
  leased: bigint;
  queued: bigint;
  token: bigint;
}

function setup(): Ctx {
  const stores = world();
  const leased = mustSubmit(stores);
  const [l] = mustLease(stores);
  const queued = mustSubmit(stores);
  return { stores, leased, queued, token: l!.token };
}

type Outcome = 'Ok' | 'Unauthorized' | 'NotFound';
type Row = [
  method: string,
  call: (ctx: Ctx, caller: PrincipalText) => Result<unknown> | { Ok: string } | { Err: string },
  expect: (role: Role) => Outcome,
];

const only =
  (...allowed: Role[]) =>
  (role: Role): Outcome =>
    allowed.includes(role) ? 'Ok' : 'Unauthorized';
const signedIn = (role: Role): Outcome => (role === 'anonymous' ? 'Unauthorized' : 'Ok');

const rows: Row[] = [
  ['submit', (c, who) => submit(c.stores, who, T0, job()), signedIn],
  [
    'cancel',
    (c, who) => cancel(c.stores, who, T0, c.queued),
    (r) => (r === 'stranger' ? 'Ok' : r === 'anonymous' ? 'Unauthorized' : 'NotFound'),
  ],
  ['lease', (c, who) => lease(c.stores, who, T0, { models: ['tiny-chat'], max_jobs: 1 }), only('worker')],
  ['extend', (c, who) => extend(c.stores, who, T0, { job_id: c.leased, token: c.token, seconds: 120 }), only('worker')],
  [
    'complete',
    (c, who) =>
      complete(c.stores, who, T0, { job_id: c.leased, token: c.token, output: 'o', tokens_in: 1, tokens_out: 1 }),
    only('worker'),
  ],
  [
    'fail',
    (c, who) => fail(c.stores, who, T0, { job_id: c.leased, token: c.token, reason: 'r', retryable: true }),
    only('worker'),
  ],
  [
    'heartbeat',
    (c, who) => heartbeat(c.stores, who, T0, { models: ['tiny-chat'], version: '1', in_flight: 1 }),
    only('worker'),
  ],
  [
    'apply_membership',
    (c, who) =>
      applyMembership(
        c.stores,
        who,
        T0,
        membershipPush(c.stores, { worker: testPrincipal(500), contributor: ROLES.contributor, active: true }),
      ),
    only('registryCanister'),
  ],
  ['expire_leases', (c, who) => expireLeasesCall(c.stores, who, T0 + 3_600n * 1_000_000_000n), signedIn],
  ['set_params', (c, who) => setParams(c.stores, who, { ...DEFAULT_PARAMS, max_attempts: 4 }), only('governance')],
];

describe.each(rows)('%s: caller-role matrix', (_method, call, expected) => {
  it.each(ALL_ROLES)('as %s', (role) => {
    const ctx = setup();
    const before = snapshot(ctx.stores);
    const result = call(ctx, ROLES[role]);
    const outcome = expected(role);
    if (outcome === 'Ok') {
      expect(Object.keys(result)).toEqual(['Ok']);
      expect(snapshot(ctx.stores)).not.toEqual(before);
    } else {
      expect(result).toEqual({ Err: { [outcome]: expect.any(String) } });
      expect(snapshot(ctx.stores)).toEqual(before);
    }
  });
});

describe('validate_set_params: caller-role matrix', () => {
  // A validator is read-only; SNS governance calls it, but anyone may ask what a payload would do.
  it.each(ALL_ROLES)('as %s: answers and changes nothing', () => {
    const ctx = setup();
    const before = snapshot(ctx.stores);
    expect(validateSetParams(ctx.stores, { ...DEFAULT_PARAMS, max_attempts: 4 })).toEqual({
      Ok: expect.stringContaining('max_attempts = 4'),
    });
    expect(snapshot(ctx.stores)).toEqual(before);
  });
});
