/**
 * Cross-canister flows on the real wasm: lease expiry driven by the queue's timer, the registry's
 * membership push deciding who may lease, and an admit that fails because the registry is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CallRejectedError, RejectCode, type LocalNet } from '../../localnet/src/index.ts';
import { freshPrincipals, leaseArgs, nominateArgs, okOf, submitArgs } from '../support/args.ts';
import { deployGatehouse, startNet, type Gatehouse } from '../support/deploy.ts';
import { seedMembers } from '../support/members.ts';

const LEASE_MS = 60_000; // the queue's default lease_seconds
const MAX_ATTEMPTS = 3; // the queue's default max_attempts

describe('gatehouse flows on localnet', () => {
  let net: LocalNet;
  let g: Gatehouse;
  const fresh = freshPrincipals();

  beforeAll(async () => {
    net = await startNet();
    g = await deployGatehouse(net);
    await seedMembers(g);
  });
  afterAll(() => net?.close());

  const jobStatus = async (id: bigint) => okOf(await g.queue('stranger').get_job(id));

  it('an expired lease goes back to the queue, and the job fails once it used max_attempts', async () => {
    const id = okOf(await g.queue('stranger').submit(submitArgs('expire me')));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [lease] = okOf(await g.queue('worker').lease(leaseArgs()));
      expect(lease).toMatchObject({ job_id: id, attempt });
      await net.advanceTime(LEASE_MS - 1_000);
      expect((await jobStatus(id)).status).toEqual({ Leased: null });
      await net.advanceTime(6_000); // past the deadline and one expiry tick (every 5 s)
      const job = await jobStatus(id);
      if (attempt < MAX_ATTEMPTS) expect(job).toMatchObject({ status: { Queued: null }, attempts: attempt });
      else expect(job.status).toEqual({ Failed: { reason: 'lease expired', attempts: MAX_ATTEMPTS } });
    }
    expect(okOf(await g.queue('worker').lease(leaseArgs()))).toEqual([]);
    const [worker] = await g.queue().get_worker(g.principals.worker);
    expect(worker).toMatchObject({ expired_leases: BigInt(MAX_ATTEMPTS), leases: 0 });
    expect(await g.queue().metrics()).toMatchObject({
      failed: 1n,
      queued: 0n,
      leased: 0n,
      leases_expired: BigInt(MAX_ATTEMPTS),
    });
  });

  describe('registry → queue membership push', () => {
    const decision = () => ({ contributor: g.principals.contributor, reason: 'policy' });
    const workerState = async () => (await g.queue().get_worker(g.principals.worker))[0];

    it('a bound worker key can lease', async () => {
      expect(await g.registry().role_of(g.principals.worker)).toEqual({
        Worker: { contributor: g.principals.contributor, active: true },
      });
      const id = okOf(await g.queue('stranger').submit(submitArgs()));
      const [lease] = okOf(await g.queue('worker').lease(leaseArgs()));
      expect(lease?.job_id).toBe(id);
      okOf(
        await g.queue('worker').complete({
          job_id: id,
          token: lease!.token,
          output: 'ok',
          tokens_in: 1,
          tokens_out: 1,
          tool_calls: [] as [],
        }),
      );
    });

    it('suspension stops leasing at once and returns the live leases; reinstatement restores it', async () => {
      const id = okOf(await g.queue('stranger').submit(submitArgs()));
      const [lease] = okOf(await g.queue('worker').lease(leaseArgs()));
      expect(lease?.job_id).toBe(id);

      expect(await g.registry('governance').suspend_contributor(decision())).toEqual({ Ok: null });
      // No time passes: the push ran as part of the suspend call's message chain.
      expect(await g.queue('worker').lease(leaseArgs())).toEqual({ Err: { Unauthorized: expect.any(String) } });
      expect(await workerState()).toMatchObject({ active: false, leases: 0 });
      expect(await jobStatus(id)).toMatchObject({ status: { Queued: null }, attempts: 0 });
      const done = {
        job_id: id,
        token: lease!.token,
        output: 'late',
        tokens_in: 1,
        tokens_out: 1,
        tool_calls: [] as [],
      };
      expect(await g.queue('worker').complete(done)).toEqual({ Err: { Unauthorized: expect.any(String) } });
      expect((await g.registry().stats()).pending_membership_updates).toBe(0n);

      expect(await g.registry('governance').reinstate_contributor(decision())).toEqual({ Ok: null });
      const [again] = okOf(await g.queue('worker').lease(leaseArgs()));
      expect(again).toMatchObject({ job_id: id, attempt: 1 });
      expect(again!.token).not.toBe(lease!.token);
      okOf(await g.queue('worker').complete({ ...done, token: again!.token }));
    });

    it('a suspension while the queue is stopped is kept and reaches the queue on the next push tick', async () => {
      await net.stopCanister(g.ids.queue);
      expect(await g.registry('governance').suspend_contributor(decision())).toEqual({ Ok: null });
      expect((await g.registry().stats()).pending_membership_updates).toBe(1n);
      await net.startCanister(g.ids.queue);
      expect(await workerState()).toMatchObject({ active: true });

      await net.advanceTime(30_000); // the registry's push interval
      // The push's calls (a snapshot is two) each take a round, as on the IC: a few rounds at most.
      for (let round = 0; round < 5 && (await workerState())?.active; round++) await net.tick();
      expect(await workerState()).toMatchObject({ active: false });
      expect((await g.registry().stats()).pending_membership_updates).toBe(0n);
      expect(await g.registry('governance').reinstate_contributor(decision())).toEqual({ Ok: null });
      expect(await workerState()).toMatchObject({ active: true });
    });

    it('removal unbinds the worker key: it can no longer lease and its leases are returned', async () => {
      const id = okOf(await g.queue('stranger').submit(submitArgs()));
      okOf(await g.queue('worker').lease(leaseArgs()));
      expect(await g.registry('governance').remove_contributor(decision())).toEqual({ Ok: null });
      expect(await g.registry().role_of(g.principals.worker)).toEqual({ None: null });
      expect((await g.registry().get_contributor(g.principals.contributor))[0]).toMatchObject({
        status: { Removed: null },
        worker_keys: [],
      });
      expect(await workerState()).toMatchObject({ active: false, leases: 0 });
      expect(await g.queue('worker').lease(leaseArgs())).toEqual({ Err: { Unauthorized: expect.any(String) } });
      expect((await jobStatus(id)).status).toEqual({ Queued: null });
      okOf(await g.queue('stranger').cancel(id));
    });
  });

  it('admit with the registry stopped is rejected and leaves the nomination Open; a later admit succeeds', async () => {
    const candidate = fresh();
    const { id } = okOf(await g.invitation('nodeProvider').nominate(nominateArgs(candidate)));
    const before = await g.invitation().stats();

    await net.stopCanister(g.ids.registry);
    const rejected = await g
      .invitation('governance')
      .admit({ nomination_id: id })
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(CallRejectedError);
    expect((rejected as CallRejectedError).reject.code).toBe(RejectCode.CANISTER_ERROR);
    expect((rejected as CallRejectedError).reject.message).toMatch(/Unavailable/);
    expect((await g.invitation().get_nomination(id))[0]?.status).toEqual({ Open: null });
    expect(await g.invitation().stats()).toEqual(before);

    await net.startCanister(g.ids.registry);
    expect(await g.registry().role_of(candidate)).toEqual({ None: null });
    expect(okOf(await g.invitation('governance').admit({ nomination_id: id })).toText()).toBe(candidate.toText());
    expect((await g.invitation().get_nomination(id))[0]?.status).toEqual({ Admitted: null });
    expect(await g.registry().role_of(candidate)).toEqual({ Contributor: { Active: null } });
  });
});
