import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { initQueue } from './config.ts';
import { cancel, getJob } from './jobs.ts';
import { lease } from './lease.ts';
import { submitFor } from './submit.ts';
import { job, memoryStores, setActive, snapshot, T0 } from './testing.ts';
import { DEFAULT_PARAMS } from './params.ts';

const LLM = testPrincipal(10);

function relayWorld(llm: string | null = LLM, max_pending_per_caller = 2) {
  const stores = memoryStores();
  initQueue(stores, {
    governance: ROLES.governance,
    registry: ROLES.registryCanister,
    params: { ...DEFAULT_PARAMS, max_pending_per_caller },
    llm: llm ?? undefined,
  });
  setActive(stores, ROLES.worker, true);
  return stores;
}

describe('submit_for (the llm canister relaying its callers)', () => {
  it('makes the job the original caller’s: their pending cap, their lane; the relay may read and cancel it', () => {
    const stores = relayWorld();
    expect(submitFor(stores, LLM, T0, ROLES.stranger, job())).toEqual({ Ok: 1n });
    expect(submitFor(stores, LLM, T0, ROLES.stranger, job())).toEqual({ Ok: 2n });
    expect(submitFor(stores, LLM, T0, ROLES.stranger, job())).toEqual({ Err: { LimitExceeded: expect.any(String) } });
    // Another caller through the same relay has a cap of their own, and is served round-robin.
    expect(submitFor(stores, LLM, T0, ROLES.contributor, job())).toEqual({ Ok: 3n });
    expect(stores.pending.get(ROLES.stranger)).toBe(2);
    expect(stores.pending.get(LLM)).toBeUndefined();
    const leased = lease(stores, ROLES.worker, T0, { models: ['tiny-chat'], max_jobs: 2 });
    expect('Ok' in leased && leased.Ok.map((l) => l.job_id)).toEqual([1n, 3n]);

    expect(getJob(stores, LLM, 1n)).toMatchObject({ Ok: { submitter: ROLES.stranger } });
    expect(getJob(stores, ROLES.stranger, 1n)).toMatchObject({ Ok: { id: 1n } });
    expect(cancel(stores, LLM, T0, 2n)).toEqual({ Ok: null });
    expect(getJob(stores, LLM, 2n)).toMatchObject({ Ok: { status: { Cancelled: null } } });
  });

  it('does not let the relay read jobs submitted directly', async () => {
    const stores = relayWorld();
    const { submit } = await import('./submit.ts');
    expect(submit(stores, ROLES.stranger, T0, job())).toEqual({ Ok: 1n });
    expect(getJob(stores, LLM, 1n)).toEqual({ Err: { NotFound: expect.any(String) } });
  });

  it.each([
    ['a stranger', relayWorld(), ROLES.stranger, ROLES.stranger, 'Unauthorized'],
    ['anyone while no llm canister is configured', relayWorld(null), LLM, ROLES.stranger, 'Unauthorized'],
    ['the relay for the anonymous principal', relayWorld(), LLM, ROLES.anonymous, 'Unauthorized'],
  ])('refuses %s and stores nothing', (_name, stores, caller, submitter, kind) => {
    const before = snapshot(stores);
    expect(submitFor(stores, caller, T0, submitter, job())).toEqual({ Err: { [kind]: expect.any(String) } });
    expect(snapshot(stores)).toEqual(before);
  });
});
