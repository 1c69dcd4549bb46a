import { describe, expect, it } from 'vitest';

import { validatorWindow } from '../../shared/domain/rate-window.ts';
import { nominateFlow } from './flows.ts';
import { DEFAULT_PARAMS, type InvitationParams } from './params.ts';
import { setParams, validateSetParams } from './set-params.ts';
import { findNomination, paramsCell } from './stores.ts';
import {
  candidate,
  expectedMatrix,
  nominateInput,
  outcomeOf,
  roleMatrix,
  ROLES,
  SECOND,
  snapshot,
  T0,
  world,
} from './testing.ts';

const to = (params: InvitationParams) => ({ expected: DEFAULT_PARAMS, params });
const changed = to({ ...DEFAULT_PARAMS, max_open_per_provider: 5, nomination_ttl_seconds: 7n * 86_400n });

describe('set_params / validate_set_params', () => {
  it('caller-role matrix: only governance; rejected calls change nothing', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(
      () => {},
      (w, caller) => setParams(w.stores, caller, changed),
    );
    expect(outcomes).toEqual(expectedMatrix(['governance'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('validation answers governance always, anonymous never, others within the budget', () => {
    const w = world();
    const window = validatorWindow();
    expect(outcomeOf(validateSetParams(w.stores, ROLES.anonymous, T0, window, changed))).toBe('Unauthorized');
    for (let i = 0; i < 10; i++)
      expect(outcomeOf(validateSetParams(w.stores, ROLES.stranger, T0, window, changed))).toBe('Ok');
    expect(outcomeOf(validateSetParams(w.stores, ROLES.stranger, T0, window, changed))).toBe('LimitExceeded');
    expect(outcomeOf(validateSetParams(w.stores, ROLES.governance, T0, window, changed))).toBe('Ok');
  });

  it('validation renders old and new values and changes nothing', () => {
    const w = world();
    const before = snapshot(w.stores);
    const result = validateSetParams(w.stores, ROLES.governance, T0, validatorWindow(), changed);
    expect(result).toEqual({ Ok: expect.stringContaining('max_open_per_provider = 3') });
    expect('Ok' in result && result.Ok).toContain('max_open_per_provider = 5');
    expect('Ok' in result && result.Ok).toContain('nomination_ttl_seconds = 604800');
    expect(snapshot(w.stores)).toBe(before);
  });

  it.each<[keyof InvitationParams, number | bigint]>([
    ['max_open_per_provider', 0],
    ['max_open_per_provider', 101],
    ['nomination_ttl_seconds', 86_399n],
    ['nomination_ttl_seconds', 90n * 86_400n + 1n],
    ['max_display_name_bytes', 7],
    ['max_display_name_bytes', 257],
    ['max_motivation_bytes', 63],
    ['max_motivation_bytes', 16_385],
    ['max_models', 0],
    ['max_models', 65],
    ['reconcile_interval_seconds', 59n],
    ['reconcile_interval_seconds', 86_401n],
  ])('refuses %s = %s in both validate and set', (field, value) => {
    const w = world();
    const params = { ...DEFAULT_PARAMS, [field]: value };
    expect(validateSetParams(w.stores, ROLES.governance, T0, validatorWindow(), to(params))).toEqual({
      Err: { InvalidInput: expect.stringContaining(field) },
    });
    expect(outcomeOf(setParams(w.stores, ROLES.governance, to(params)))).toBe('InvalidInput');
    expect(paramsCell(w.stores).get()).toEqual(DEFAULT_PARAMS);
  });

  it('accepts the range bounds', () => {
    const w = world();
    const low: InvitationParams = {
      max_open_per_provider: 1,
      nomination_ttl_seconds: 86_400n,
      max_display_name_bytes: 8,
      max_motivation_bytes: 64,
      max_models: 1,
      reconcile_interval_seconds: 60n,
    };
    expect(setParams(w.stores, ROLES.governance, to(low))).toEqual({ Ok: null });
    expect(paramsCell(w.stores).get()).toEqual(low);
  });

  it('new limits apply to new nominations; open ones keep their expiry', async () => {
    const w = world();
    await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
    setParams(w.stores, ROLES.governance, to({ ...changed.params, max_display_name_bytes: 8 }));
    expect(findNomination(w.stores, 1n)?.expires_at).toBe(T0 + 14n * 86_400n * SECOND);
    const created = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(2), { display_name: 'Short' }));
    expect('Ok' in created && created.Ok.expires_at).toBe(T0 + 7n * 86_400n * SECOND);
    expect(
      outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(3), { display_name: 'Too long!' }))),
    ).toBe('LimitExceeded');
  });

  it('refuses a proposal made from params that another adopted proposal changed since, and a no-op', () => {
    const w = world();
    const second = to({ ...DEFAULT_PARAMS, max_models: 32 });
    expect(validateSetParams(w.stores, ROLES.governance, T0, validatorWindow(), second)).toMatchObject({
      Ok: expect.any(String),
    });
    expect(setParams(w.stores, ROLES.governance, changed)).toEqual({ Ok: null });
    const before = snapshot(w.stores);
    expect(setParams(w.stores, ROLES.governance, second)).toEqual({
      Err: { Conflict: expect.stringContaining('the params changed since this proposal was made') },
    });
    expect(validateSetParams(w.stores, ROLES.governance, T0, validatorWindow(), second)).toMatchObject({
      Err: { Conflict: expect.any(String) },
    });
    expect(outcomeOf(setParams(w.stores, ROLES.governance, { expected: changed.params, params: changed.params }))).toBe(
      'Conflict',
    );
    expect(snapshot(w.stores)).toBe(before);
    expect(paramsCell(w.stores).get()).toEqual(changed.params);
  });
});
