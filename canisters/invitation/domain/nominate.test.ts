import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { ANONYMOUS } from '../../shared/domain/principal.ts';
import { nominateFlow } from './flows.ts';
import type { NominateInput } from './nominate.ts';
import { findNomination, openCount } from './stores.ts';
import { stats } from './queries.ts';
import {
  candidate,
  expectedMatrix,
  nominateInput,
  OTHER_PROVIDER,
  outcomeOf,
  roleMatrix,
  ROLES,
  SECOND,
  snapshot,
  T0,
  world,
} from './testing.ts';

describe('nominate', () => {
  it('caller-role matrix: only node providers may nominate; rejected calls store nothing', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(
      () => {},
      (w, caller) => nominateFlow(w, caller, nominateInput(candidate(1))),
    );
    expect(outcomes).toEqual(expectedMatrix(['nodeProvider'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('stores an Open nomination with TTL expiry and sequential ids', async () => {
    const w = world();
    const first = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
    w.now += 5n * SECOND;
    const second = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(2)));
    if (!('Ok' in first) || !('Ok' in second)) throw new Error('expected Ok');
    expect(first.Ok).toMatchObject({
      id: 1n,
      candidate: candidate(1),
      nominator: ROLES.nodeProvider,
      status: 'Open',
      created_at: T0,
    });
    expect(first.Ok.expires_at).toBe(T0 + 14n * 86_400n * SECOND);
    expect(first.Ok.proposal_id).toBeUndefined();
    expect(second.Ok.id).toBe(2n);
    expect(findNomination(w.stores, 2n)?.created_at).toBe(T0 + 5n * SECOND);
    expect(stats(w.stores)).toMatchObject({ total: 2n, open: 2n });
  });

  it.each([
    ['the anonymous principal', ANONYMOUS, 'InvalidInput'],
    ['the caller itself', ROLES.nodeProvider, 'InvalidInput'],
    ['a node provider', OTHER_PROVIDER, 'Conflict'],
    ['a worker key', ROLES.worker, 'Conflict'],
    ['an active contributor', ROLES.contributor, 'Conflict'],
  ])('refuses %s as candidate', async (_, who, expected) => {
    const w = world();
    const result = await nominateFlow(w, ROLES.nodeProvider, nominateInput(who));
    expect(outcomeOf(result)).toBe(expected);
    expect(w.stores.nominations.size()).toBe(0);
  });

  it('refuses a suspended contributor but accepts a removed one', async () => {
    const w = world();
    w.roles.set(candidate(1), { Contributor: { Suspended: null } });
    w.roles.set(candidate(2), { Contributor: { Removed: null } });
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1))))).toBe('Conflict');
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(2))))).toBe('Ok');
  });

  it('allows one Open nomination per candidate, across providers', async () => {
    const w = world();
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1))))).toBe('Ok');
    const again = await nominateFlow(w, OTHER_PROVIDER, nominateInput(candidate(1)));
    expect(again).toEqual({ Err: { Conflict: expect.stringContaining('already has open nomination 1') } });
  });

  it('enforces the per-provider quota of Open nominations; other providers are unaffected', async () => {
    const w = world();
    for (let i = 1; i <= 3; i++) {
      expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(i))))).toBe('Ok');
    }
    const before = snapshot(w.stores);
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(4))))).toBe('LimitExceeded');
    expect(snapshot(w.stores)).toBe(before);
    expect(outcomeOf(await nominateFlow(w, OTHER_PROVIDER, nominateInput(candidate(4))))).toBe('Ok');
    expect(openCount(w.stores, ROLES.nodeProvider)).toBe(3);
  });

  it.each<[string, Partial<NominateInput>, string]>([
    ['empty display name', { display_name: '  ' }, 'InvalidInput'],
    ['display name over 64 bytes', { display_name: 'é'.repeat(33) }, 'LimitExceeded'],
    ['motivation over 2048 bytes', { motivation: 'x'.repeat(2049) }, 'LimitExceeded'],
    ['no models', { models: [] }, 'InvalidInput'],
    ['17 models', { models: Array.from({ length: 17 }, (_, i) => `m${i}`) }, 'LimitExceeded'],
    ['a repeated model', { models: ['a', 'a'] }, 'InvalidInput'],
    ['an empty model name', { models: [''] }, 'InvalidInput'],
    ['a model name over 128 bytes', { models: ['m'.repeat(129)] }, 'LimitExceeded'],
    ['a display name with a newline', { display_name: 'Ada\nApproved by the foundation' }, 'InvalidInput'],
    ['a display name with a bidi override', { display_name: 'Ada \u202eCBA' }, 'InvalidInput'],
    ['a display name of zero-width characters only', { display_name: '\u200b\u200d\u2060' }, 'InvalidInput'],
    ['a model name with an escape sequence', { models: ['tiny\u001b[2J'] }, 'InvalidInput'],
    ['a motivation with an escape sequence', { motivation: 'fine\u001b]0;pwned\u0007' }, 'InvalidInput'],
    ['an empty gpu', { hardware: { gpu: '', vram_gib: 0, ram_gib: 8, cpu_cores: 4, region: 'eu' } }, 'InvalidInput'],
    [
      'zero cpu cores',
      { hardware: { gpu: 'none', vram_gib: 0, ram_gib: 8, cpu_cores: 0, region: 'eu' } },
      'InvalidInput',
    ],
    [
      'a region over 64 bytes',
      { hardware: { gpu: 'none', vram_gib: 0, ram_gib: 8, cpu_cores: 4, region: 'r'.repeat(65) } },
      'LimitExceeded',
    ],
  ])('refuses %s and stores nothing', async (_, overrides, expected) => {
    const w = world();
    const result = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1), overrides));
    expect(outcomeOf(result)).toBe(expected);
    expect(w.stores.nominations.size()).toBe(0);
  });

  it('accepts texts exactly at their byte limits', async () => {
    const w = world();
    const input = nominateInput(candidate(1), {
      display_name: 'é'.repeat(32),
      motivation: 'x'.repeat(2048),
      models: Array.from({ length: 16 }, (_, i) => `m${i}`),
    });
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, input))).toBe('Ok');
  });

  it('returns Unavailable and stores nothing when the registry cannot be reached', async () => {
    const w = world();
    w.registryDown = true;
    const before = snapshot(w.stores);
    const result = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
    expect(outcomeOf(result)).toBe('Unavailable');
    expect(snapshot(w.stores)).toBe(before);
  });

  it('refuses a candidate principal longer than 29 bytes', async () => {
    const w = world();
    const long = Principal.fromUint8Array(new Uint8Array(30).fill(1)).toText();
    expect(await nominateFlow(w, ROLES.nodeProvider, nominateInput(long))).toEqual({
      Err: { InvalidInput: 'the candidate is 30 bytes long; principals have at most 29' },
    });
  });

  it('refuses anonymous without asking the registry', async () => {
    const w = world();
    w.registryDown = true;
    expect(outcomeOf(await nominateFlow(w, ANONYMOUS, nominateInput(candidate(1))))).toBe('Unauthorized');
  });

  it('refuses a caller the registry did not push as a node provider without any registry call', async () => {
    const w = world();
    let calls = 0;
    const roleOf = w.registry.roleOf;
    w.registry.roleOf = (principal) => {
      calls += 1;
      return roleOf(principal);
    };
    for (const who of [ROLES.stranger, ROLES.contributor, ROLES.worker, ROLES.governance])
      expect(await nominateFlow(w, who, nominateInput(candidate(1)))).toEqual({
        Err: { Unauthorized: 'only node providers can nominate' },
      });
    expect(calls).toBe(0);
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1))))).toBe('Ok');
    expect(calls).toBe(2);
  });

  it('the registry stays the authority: a pushed node provider it no longer knows is refused', async () => {
    const w = world();
    w.roles.delete(ROLES.nodeProvider);
    expect(outcomeOf(await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1))))).toBe('Unauthorized');
    expect(w.stores.openIds.size()).toBe(0);
  });

  it('re-checks the one-open-per-candidate rule after the registry await', async () => {
    const w = world();
    w.duringCall = () => void nominateFlow(w, OTHER_PROVIDER, nominateInput(candidate(1)));
    const result = await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
    expect(outcomeOf(result)).toBe('Conflict');
    expect(w.stores.openIds.size()).toBe(1);
  });
});
