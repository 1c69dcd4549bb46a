/**
 * State survives upgrades in the middle of traffic: jobs queued and leased, nominations open,
 * withdrawn and admitted, membership already pushed. All three canisters are upgraded while leases
 * are live; afterwards the lease tokens still work, the expiry timer still runs, and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lease } from '../../canisters/queue/interface.ts';
import type { LocalNet } from '../../localnet/src/index.ts';
import { freshPrincipals, leaseArgs, nominateArgs, okOf, submitArgs } from '../support/args.ts';
import { deployGatehouse, startNet, type Gatehouse } from '../support/deploy.ts';
import { seedMembers } from '../support/members.ts';
import { pageOf, snapshot, type Snapshot } from '../support/snapshot.ts';

const LEASE_MS = 60_000;

describe('upgrades mid-traffic on localnet', () => {
  let net: LocalNet;
  let g: Gatehouse;
  const fresh = freshPrincipals();
  const jobIds: bigint[] = [];
  let leases: Lease[] = [];
  let openNomination: bigint;
  let before: Snapshot;
  let jobsBefore: unknown[];
  let eventsBefore: unknown;

  const jobs = async () => Promise.all(jobIds.map(async (id) => okOf(await g.queue('stranger').get_job(id))));
  const allEvents = async () => pageOf(await g.registry().list_events({ offset: 0n, limit: 100n })).items;

  beforeAll(async () => {
    net = await startNet();
    g = await deployGatehouse(net);
    await seedMembers(g);
    for (let i = 0; i < 6; i++) jobIds.push(okOf(await g.queue('stranger').submit(submitArgs(`job ${i}`))));
    leases = okOf(await g.queue('worker').lease(leaseArgs(3)));
    openNomination = okOf(await g.invitation('nodeProvider').nominate(nominateArgs(fresh(), 'Open one'))).id;
    const withdrawn = okOf(await g.invitation('nodeProvider').nominate(nominateArgs(fresh(), 'Withdrawn one'))).id;
    okOf(await g.invitation('nodeProvider').withdraw(withdrawn));
    before = await snapshot(g);
    jobsBefore = await jobs();
    eventsBefore = await allEvents();
  });
  afterAll(() => net?.close());

  it('upgrading queue, registry and invitation while leases are live changes no query', async () => {
    expect(leases).toHaveLength(3);
    expect(before.queue?.metrics).toMatchObject({ queued: 3n, leased: 3n });
    // install_code in upgrade mode: pre_upgrade, new module, post_upgrade; it throws if any of them traps.
    await g.upgrade('queue');
    await g.upgrade('registry');
    await g.upgrade('invitation');
    expect(await snapshot(g)).toEqual(before);
    expect(await jobs()).toEqual(jobsBefore);
    expect(await allEvents()).toEqual(eventsBefore);
  });

  it('the live leases finish after the upgrade: complete and fail by token, the third expires by the restarted timer', async () => {
    const [done, failed, abandoned] = leases as [Lease, Lease, Lease];
    okOf(
      await g.queue('worker').complete({
        job_id: done.job_id,
        token: done.token,
        output: 'after upgrade',
        tokens_in: 2,
        tokens_out: 3,
        tool_calls: [] as [],
      }),
    );
    okOf(
      await g.queue('worker').fail({ job_id: failed.job_id, token: failed.token, reason: 'retry me', retryable: true }),
    );
    await net.advanceTime(LEASE_MS + 6_000);

    const byId = new Map((await jobs()).map((job) => [job.id, job]));
    expect(byId.get(done.job_id)?.status).toMatchObject({
      Completed: { output: 'after upgrade', tokens_out: 3, tool_calls: [] as [] },
    });
    expect(byId.get(failed.job_id)).toMatchObject({ status: { Queued: null }, attempts: 1 });
    expect(byId.get(abandoned.job_id)).toMatchObject({ status: { Queued: null }, attempts: 1 });
    expect(await g.queue().metrics()).toMatchObject({
      queued: 5n,
      leased: 0n,
      completed: 1n,
      failed: 0n,
      jobs_submitted: 6n,
      leases_granted: 3n,
      leases_expired: 1n,
    });
    const [worker] = await g.queue().get_worker(g.principals.worker);
    expect(worker).toMatchObject({ active: true, completed: 1n, expired_leases: 1n, leases: 0 });
  });

  it('nominations, contributors and events are intact, and the timers restarted after the upgrade keep working', async () => {
    expect(await g.invitation().stats()).toMatchObject({ total: 3n, open: 1n, admitted: 1n, withdrawn: 1n });
    expect((await g.invitation().get_nomination(openNomination))[0]).toMatchObject({
      display_name: 'Open one',
      status: { Open: null },
    });
    expect((await g.registry().get_contributor(g.principals.contributor))[0]).toMatchObject({
      status: { Active: null },
      worker_keys: [g.principals.worker],
    });
    expect(await allEvents()).toEqual(eventsBefore);

    // The registry's push after the upgrade: a suspension reaches the queue at once.
    okOf(
      await g
        .registry('governance')
        .suspend_contributor({ contributor: g.principals.contributor, reason: 'after upgrade' }),
    );
    expect((await g.queue().get_worker(g.principals.worker))[0]?.active).toBe(false);
    // The invitation's reconcile timer: the open nomination expires after its TTL.
    await net.advanceTime(15 * 24 * 3600 * 1000);
    expect((await g.invitation().get_nomination(openNomination))[0]?.status).toEqual({ Expired: null });
  });
});
