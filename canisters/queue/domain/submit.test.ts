import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { submit } from './submit.ts';
import { job, jobOf, snapshot, T0, user, world } from './testing.ts';

describe('submit', () => {
  it('queues a job with increasing ids and counts it as pending for the submitter', () => {
    const stores = world();
    expect(submit(stores, ROLES.stranger, T0, job())).toEqual({ Ok: 1n });
    expect(submit(stores, ROLES.stranger, T0, job({ temperature: 0.7, seed: 42 }))).toEqual({ Ok: 2n });
    const stored = jobOf(stores, 2n);
    expect(stored).toMatchObject({
      submitter: ROLES.stranger,
      status: { Queued: null },
      attempts: 0,
      temperature: 0.7,
      seed: 42,
    });
    expect(stores.ready.size()).toBe(2);
    expect(stores.pending.get(ROLES.stranger)).toBe(2);
  });

  it('rejects the anonymous caller', () => {
    expect(submit(world(), ROLES.anonymous, T0, job())).toEqual({ Err: { Unauthorized: expect.any(String) } });
  });

  const rejects: Array<[string, Parameters<typeof job>[0], string]> = [
    ['a model not on the allowlist', { model: 'gpt-9' }, 'InvalidInput'],
    ['no messages', { messages: [] }, 'InvalidInput'],
    ['more messages than max_messages', { messages: Array.from({ length: 33 }, () => user('x')) }, 'LimitExceeded'],
    ['a prompt over max_prompt_bytes (UTF-8)', { messages: [user('é'.repeat(5121))] }, 'LimitExceeded'],
    ['max_tokens 0', { max_tokens: 0 }, 'InvalidInput'],
    ['max_tokens over the limit', { max_tokens: 2049 }, 'InvalidInput'],
    ['a negative temperature', { temperature: -0.1 }, 'InvalidInput'],
    ['a temperature above 2', { temperature: 2.01 }, 'InvalidInput'],
    ['a NaN temperature', { temperature: Number.NaN }, 'InvalidInput'],
    ['an infinite temperature', { temperature: Number.POSITIVE_INFINITY }, 'InvalidInput'],
  ];
  it.each(rejects)('rejects %s and stores nothing', (_name, overrides, kind) => {
    const stores = world();
    const before = snapshot(stores);
    const result = submit(stores, ROLES.stranger, T0, job(overrides));
    expect(result).toEqual({ Err: { [kind]: expect.any(String) } });
    expect(snapshot(stores)).toEqual(before);
  });

  it('accepts the edges of every bound', () => {
    const stores = world();
    const edge = job({
      messages: [...Array.from({ length: 31 }, () => user('')), user('a'.repeat(10_240))],
      max_tokens: 2048,
      temperature: 2,
    });
    expect(submit(stores, ROLES.stranger, T0, edge)).toEqual({ Ok: 1n });
    expect(submit(stores, ROLES.stranger, T0, job({ temperature: 0 }))).toEqual({ Ok: 2n });
  });

  it('caps pending jobs per submitter, and a finished job frees a slot', () => {
    const stores = world({ max_pending_per_caller: 2 });
    submit(stores, ROLES.stranger, T0, job());
    submit(stores, ROLES.stranger, T0, job());
    expect(submit(stores, ROLES.stranger, T0, job())).toEqual({ Err: { LimitExceeded: expect.any(String) } });
    expect(submit(stores, ROLES.contributor, T0, job())).toEqual({ Ok: 3n });
  });
});
