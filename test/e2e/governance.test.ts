/**
 * Issue 5's governance flows end to end, every call through real agents over localnet's IC HTTP interface
 * against the real wasm: functions registered by (critical) proposals, nomination → proposal → votes →
 * execution → registry → worker key → queue lease; rejection and its reconciliation; validator refusals;
 * a failed execution; suspension and removal by proposal.
 *
 * Neuron stakes are chosen so thresholds are hit exactly (see NEURONS); np is also the genesis node provider.
 */
import { addFunctionAction, ADMIT_CONTRIBUTOR, functionByKey } from '@gatehouse/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HARDWARE, MODEL, submitArgs } from '../support/args.ts';
import { pageOf } from '../support/snapshot.ts';
import { DAY_MS, E2e } from './support.ts';

/** Stakes (tokens) summing to 10 000, so 1 token = 0.01 % of all voting power. */
const NEURONS = { np: 2700n, whale: 5000n, dora: 1700n, ari: 300n, bea: 299n, cato: 1n };
const REGISTERED = ['admit-contributor', 'suspend-contributor', 'remove-contributor'];

describe('governance end to end over HTTP (real agents, real wasm)', () => {
  let e: E2e;
  const nominations: Record<string, bigint> = {};

  /** The node provider nominates `who` (an identity name) for the tiny-chat model. */
  const nominate = async (who: string) => {
    const invitation = await e.actor('np', 'invitation');
    const r = await invitation.nominate({
      candidate: e.principal(who),
      display_name: who[0]!.toUpperCase() + who.slice(1),
      motivation: `${who} runs GPUs.`,
      hardware: HARDWARE,
      models: [MODEL],
    });
    if ('Err' in r) throw new Error(`nominate ${who}: ${JSON.stringify(r.Err)}`);
    return (nominations[who] = r.Ok.id);
  };
  /** np proposes admitting the nomination and links the proposal to it, as the proposals CLI does. */
  const proposeAdmission = async (who: string) => {
    const id = await e.proposeCall('np', 'admit-contributor', { nomination_id: nominations[who]! }, `Admit ${who}`);
    const linked = await (
      await e.actor('np', 'invitation')
    ).link_proposal({ nomination_id: nominations[who]!, proposal_id: id });
    expect(linked).toMatchObject({ Ok: { proposal_id: [id] } });
    return id;
  };
  const nomination = async (who: string) =>
    (await (await e.actor('reader', 'invitation')).get_nomination(nominations[who]!))[0]!;
  const roleOf = async (who: string) => (await e.actor('reader', 'registry')).role_of(e.principal(who));
  /** Binding takes both signatures: the contributor offers the key, the key accepts. */
  const bindKey = async (contributor: string, key: string) => {
    expect(await (await e.actor(contributor, 'registry')).offer_worker_key(e.principal(key))).toEqual({ Ok: null });
    expect(await (await e.actor(key, 'registry')).accept_worker_key(e.principal(contributor))).toEqual({ Ok: null });
  };
  const lease = async (worker: string) => (await e.actor(worker, 'queue')).lease({ models: [MODEL], max_jobs: 1 });
  const submit = async () => {
    const r = await (await e.actor('sam', 'queue')).submit(submitArgs('hello'));
    if ('Err' in r) throw new Error(`submit: ${JSON.stringify(r.Err)}`);
    return r.Ok;
  };
  const sponsor = async () => {
    const { items } = pageOf(
      await (await e.actor('reader', 'registry')).list_node_providers({ offset: 0n, limit: 10n }),
    );
    const np = items.find((p) => p.id.toText() === e.principal('np').toText())!;
    return { active: np.sponsored_active, suspended: np.sponsored_suspended, removed: np.sponsored_removed };
  };

  beforeAll(async () => {
    e = await E2e.start({ neurons: NEURONS, nodeProviders: ['np'] });
  }, 120_000);
  afterAll(() => e?.close());

  it('registers functions by critical proposals: 67 % of all voting power exactly is not enough early, 67.01 % adopts', async () => {
    const sns = await e.sns('reader');
    expect((await sns.listNervousSystemFunctions({})).functions.filter((f) => f.id >= 1000n)).toEqual([]);
    for (const key of REGISTERED) {
      const fn = functionByKey(key)!;
      const id = await e.propose(
        'whale',
        `Register ${fn.name}`,
        addFunctionAction(fn, {
          registry: e.ids.registry!,
          invitation: e.ids.invitation!,
          queue: e.ids.queue!,
          llm: e.ids.llm!,
        }),
      );
      const p = await e.proposal(id);
      expect(p.topic[0]).toEqual({ CriticalDappOperations: null });
      expect(p).toMatchObject({
        minimum_yes_proportion_of_exercised: [{ basis_points: [6_700n] }],
        minimum_yes_proportion_of_total: [{ basis_points: [2_000n] }],
      });
      await e.vote('dora', id, 'yes'); // 50 % + 17 % = 67.00 %: the outcome could still change
      expect(await e.status(id)).toBe('open');
      await e.vote('cato', id, 'yes'); // 67.01 % > 67 %: adopted early and executed
      expect(await e.status(id)).toBe('executed');
    }
    const generic = (await sns.listNervousSystemFunctions({})).functions.filter((f) => f.id >= 1000n);
    expect(generic.map((f) => f.id)).toEqual(REGISTERED.map((key) => functionByKey(key)!.id));
  });

  it('nominate → proposal rendered by the validator → votes adopt → executed → Active → worker key bound → the queue leases to it', async () => {
    await nominate('dave');
    const id = await proposeAdmission('dave');
    const p = await e.proposal(id);
    expect(p.payload_text_rendering[0]).toContain(`# Proposal to execute nervous system function:`);
    expect(p.payload_text_rendering[0]).toContain(
      `Admit nomination ${nominations.dave}: "Dave" (${e.principal('dave').toText()}) as an Active contributor.`,
    );
    expect(p.payload_text_rendering[0]).toContain(
      `Nominated by node provider ${e.principal('np').toText()}, who becomes the sponsor.`,
    );
    expect(p.action).toBe(ADMIT_CONTRIBUTOR.id);
    expect(await e.status(id)).toBe('open'); // np alone: 27 %
    expect(await roleOf('dave')).toEqual({ None: null });

    await e.vote('whale', id, 'yes'); // 77 % > 50 % of all voting power: adopted early, executed at once
    expect(await e.status(id)).toBe('executed');
    const [dave] = await (await e.actor('reader', 'registry')).get_contributor(e.principal('dave'));
    expect(dave).toMatchObject({ display_name: 'Dave', status: { Active: null }, proposal_id: id, models: [MODEL] });
    expect(dave!.sponsor.toText()).toBe(e.principal('np').toText());
    expect((await nomination('dave')).status).toEqual({ Admitted: null });

    await bindKey('dave', 'dave-worker');
    expect(await roleOf('dave-worker')).toEqual({ Worker: { contributor: expect.anything(), active: true } });
    const job = await submit();
    const leased = await lease('dave-worker');
    expect(leased).toMatchObject({ Ok: [{ job_id: job, attempt: 1, model: MODEL }] });
    const token = 'Ok' in leased ? leased.Ok[0]!.token : 0n;
    expect(
      await (
        await e.actor('dave-worker', 'queue')
      ).complete({ job_id: job, token, output: 'hi', tokens_in: 1, tokens_out: 1, tool_calls: [] as [] }),
    ).toEqual({ Ok: null });
    expect(await sponsor()).toEqual({ active: 1, suspended: 0, removed: 0 });
  });

  it('votes reject → proposal Rejected, the nomination is reconciled to Rejected by the timer, nobody admitted', async () => {
    await nominate('rex');
    const id = await proposeAdmission('rex');
    await e.vote('whale', id, 'no'); // no = 50 % of all voting power: rejected early
    const p = await e.proposal(id);
    expect(p.decided_timestamp_seconds).toBeGreaterThan(0n);
    expect(p.executed_timestamp_seconds).toBe(0n);
    expect(await e.status(id)).toBe('rejected');
    expect((await nomination('rex')).status).toEqual({ Open: null });

    await e.advanceClock(601_000); // the invitation's reconcile timer (every 600 s) asks governance
    expect(await nomination('rex')).toMatchObject({
      status: { Rejected: null },
      status_reason: [`proposal ${id} was rejected`],
    });
    expect(await roleOf('rex')).toEqual({ None: null });
  });

  describe('the validator refuses, so no proposal is made', () => {
    const refused = async (payload: { nomination_id: bigint }) => {
      const before = await e.proposalCount();
      const error = await e.proposeCall('np', 'admit-contributor', payload).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect(await e.proposalCount()).toBe(before);
      return (error as Error).message;
    };

    it('an unknown nomination', async () => {
      expect(await refused({ nomination_id: 999n })).toContain('no nomination 999');
    });

    it('a withdrawn nomination', async () => {
      const id = await nominate('wes');
      expect(await (await e.actor('np', 'invitation')).withdraw(id)).toEqual({ Ok: null });
      expect(await refused({ nomination_id: id })).toContain(`nomination ${id} is Withdrawn, not Open`);
    });

    it('a candidate who became a member (a worker key of an admitted contributor) since the nomination', async () => {
      const id = await nominate('kim');
      await bindKey('dave', 'kim');
      // kim accepted dave's offer herself: with consent, a nominee can only become a key by choice.
      expect(await refused({ nomination_id: id })).toContain(
        `the registry would refuse the admission: ${e.principal('kim').toText()} is a bound worker key`,
      );
      expect(await (await e.actor('dave', 'registry')).unbind_worker_key(e.principal('kim'))).toEqual({ Ok: null });
      expect(await (await e.actor('np', 'invitation')).withdraw(id)).toEqual({ Ok: null }); // frees np's nomination quota
    });
  });

  it('execution fails (registry stopped) → proposal Failed, nomination not admitted; a new proposal then succeeds', async () => {
    await nominate('erin');
    const failing = await proposeAdmission('erin');
    await e.net.stopCanister(e.ids.registry!);
    try {
      await e.vote('whale', failing, 'yes');
    } finally {
      await e.net.startCanister(e.ids.registry!);
    }
    const p = await e.proposal(failing);
    expect(await e.status(failing)).toBe('failed');
    expect(p.failure_reason[0]?.error_message).toContain(`admit of nomination ${nominations.erin} failed`);
    expect(await roleOf('erin')).toEqual({ None: null });
    expect((await nomination('erin')).status).toEqual({ Open: null });

    // reconcile unlinks the failed proposal, so a new one can be linked (any signed-in caller may run it)
    const report = await (await e.actor('np', 'invitation')).reconcile();
    expect(report).toMatchObject({ Ok: { unlinked: 1 } });
    const retry = await proposeAdmission('erin');
    await e.vote('whale', retry, 'yes');
    expect(await e.status(retry)).toBe('executed');
    expect(await roleOf('erin')).toEqual({ Contributor: { Active: null } });
    expect(await nomination('erin')).toMatchObject({ status: { Admitted: null }, proposal_id: [retry] });
    await bindKey('erin', 'erin-worker');
    expect(await sponsor()).toEqual({ active: 2, suspended: 0, removed: 0 });
  });

  it('suspension and removal by proposal stop leasing at once and return the leases; sponsor figures follow', async () => {
    const daveJob = await submit();
    const erinJob = await submit();
    expect(await lease('dave-worker')).toMatchObject({ Ok: [{ job_id: daveJob }] });
    expect(await lease('erin-worker')).toMatchObject({ Ok: [{ job_id: erinJob }] });
    const job = async (id: bigint) => (await (await e.actor('sam', 'queue')).get_job(id)) as { Ok: { status: object } };

    const suspend = await e.proposeCall('np', 'suspend-contributor', {
      contributor: e.principal('dave'),
      reason: 'missed heartbeats',
    });
    expect((await e.proposal(suspend)).payload_text_rendering[0]).toContain('missed heartbeats');
    await e.vote('whale', suspend, 'yes'); // normal topic: 77 % adopts early
    expect(await e.status(suspend)).toBe('executed');
    expect(await lease('dave-worker')).toEqual({ Err: { Unauthorized: expect.any(String) } });
    expect((await job(daveJob)).Ok.status).toEqual({ Queued: null });
    expect(await sponsor()).toEqual({ active: 1, suspended: 1, removed: 0 });

    const remove = await e.proposeCall('np', 'remove-contributor', {
      contributor: e.principal('erin'),
      reason: 'left the network',
    });
    expect((await e.proposal(remove)).topic[0]).toEqual({ CriticalDappOperations: null });
    await e.vote('whale', remove, 'yes'); // critical topic: 77 % > 67 % adopts early
    expect(await e.status(remove)).toBe('executed');
    expect(await roleOf('erin-worker')).toEqual({ None: null });
    expect((await (await e.actor('reader', 'registry')).get_contributor(e.principal('erin')))[0]).toMatchObject({
      status: { Removed: null },
      worker_keys: [],
    });
    expect(await lease('erin-worker')).toEqual({ Err: { Unauthorized: expect.any(String) } });
    // erin's job is queued again; only dave's suspended worker and erin's removed one were eligible
    expect((await job(erinJob)).Ok.status).toEqual({ Queued: null });
    expect(await sponsor()).toEqual({ active: 0, suspended: 1, removed: 1 });
  });

  it('the validator refuses an expired nomination: no proposal', async () => {
    const id = await nominate('exa');
    await e.advanceClock(14 * DAY_MS + 601_000); // the nomination TTL, then a reconcile tick
    expect((await nomination('exa')).status).toEqual({ Expired: null });
    const before = await e.proposalCount();
    await expect(e.proposeCall('np', 'admit-contributor', { nomination_id: id })).rejects.toThrow(
      `nomination ${id} is Expired, not Open`,
    );
    expect(await e.proposalCount()).toBe(before);
  });
});
