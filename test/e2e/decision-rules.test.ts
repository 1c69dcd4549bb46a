/**
 * The SNS decision rules on the real governance wasm, through real agents over HTTP, with days passing:
 * a handful of rows covering each rule (the exhaustive table is canisters/sns_governance/domain/decision.test.ts).
 * Normal proposals (Motion): adopted with yes > 50 % of votes cast and yes >= 3 % of all voting power, 4 days.
 * Critical ones (AddGenericNervousSystemFunction): 67 % / 20 %, 5 days. Early decision once either side holds
 * the required share of ALL voting power; wait-for-quiet moves the deadline when the lead flips late.
 *
 * All rows are proposed at (nearly) the same moment, so each clock jump decides a whole group of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SnsGovernanceDid } from '@dfinity/sns';

import { DAY_MS, E2e, type Vote } from './support.ts';

/** Stakes (tokens) summing to 10 000, so 1 token = 0.01 % of all voting power (every neuron has the same bonuses). */
const NEURONS = { np: 2700n, whale: 5000n, dora: 1700n, ari: 300n, bea: 299n, cato: 1n };
type Name = keyof typeof NEURONS;
type Status = Awaited<ReturnType<E2e['status']>>;

interface Row {
  rule: string;
  critical: boolean;
  proposer: Name;
  votes: Array<[Name, Vote]>;
  /** Status once the votes are in (before any deadline) and after the deadline. */
  now: Status;
  atDeadline: Status;
}

const ROWS: Row[] = [
  {
    rule: 'normal, early adoption: yes 50.01 % of all voting power',
    critical: false,
    proposer: 'whale',
    votes: [['cato', 'yes']],
    now: 'executed',
    atDeadline: 'executed',
  },
  {
    rule: 'normal, no early adoption at exactly 50 %; adopted at the deadline',
    critical: false,
    proposer: 'whale',
    votes: [],
    now: 'open',
    atDeadline: 'executed',
  },
  {
    rule: 'normal, early rejection: no 50.00 % of all voting power',
    critical: false,
    proposer: 'ari',
    votes: [['whale', 'no']],
    now: 'rejected',
    atDeadline: 'rejected',
  },
  {
    rule: 'normal, deadline: yes 2.99 % of all voting power, below the 3 % quorum',
    critical: false,
    proposer: 'bea',
    votes: [],
    now: 'open',
    atDeadline: 'rejected',
  },
  {
    rule: 'normal, deadline: yes 3.00 %, the quorum exactly',
    critical: false,
    proposer: 'ari',
    votes: [],
    now: 'open',
    atDeadline: 'executed',
  },
  {
    rule: 'normal, deadline: a tie among votes cast (3 % yes, 3 % no)',
    critical: false,
    proposer: 'ari',
    votes: [
      ['bea', 'no'],
      ['cato', 'no'],
    ],
    now: 'open',
    atDeadline: 'rejected',
  },
  {
    rule: 'critical, early adoption: yes 67.01 % of all voting power',
    critical: true,
    proposer: 'whale',
    votes: [
      ['dora', 'yes'],
      ['cato', 'yes'],
    ],
    now: 'executed',
    atDeadline: 'executed',
  },
  {
    rule: 'critical, no early adoption at exactly 67 %; adopted at the deadline',
    critical: true,
    proposer: 'whale',
    votes: [['dora', 'yes']],
    now: 'open',
    atDeadline: 'executed',
  },
  {
    rule: 'critical, deadline: yes 19.99 % of all voting power, below the 20 % quorum',
    critical: true,
    proposer: 'bea',
    votes: [['dora', 'yes']],
    now: 'open',
    atDeadline: 'rejected',
  },
  {
    rule: 'critical, deadline: yes 20.00 %, the quorum exactly',
    critical: true,
    proposer: 'ari',
    votes: [['dora', 'yes']],
    now: 'open',
    atDeadline: 'executed',
  },
];

describe('decision rules on the real governance wasm over HTTP, with time advanced', () => {
  let e: E2e;
  const ids: bigint[] = [];
  let wfq: bigint;
  let firstDeadline: bigint;

  const action = (row: Row, i: number): SnsGovernanceDid.Action =>
    row.critical
      ? {
          AddGenericNervousSystemFunction: {
            id: 2000n + BigInt(i),
            name: `Row ${i}`,
            description: [row.rule],
            function_type: [
              {
                GenericNervousSystemFunction: {
                  topic: [{ CriticalDappOperations: null }],
                  target_canister_id: [e.ids.registry!],
                  target_method_name: ['set_params'],
                  validator_canister_id: [e.ids.registry!],
                  validator_method_name: ['validate_set_params'],
                },
              },
            ],
          },
        }
      : { Motion: { motion_text: row.rule } };
  const deadlineOf = (p: SnsGovernanceDid.ProposalData) =>
    p.wait_for_quiet_state[0]!.current_deadline_timestamp_seconds;
  const deadline = async (id: bigint) => deadlineOf(await e.proposal(id));
  /** Status by rule, so a failure names the row. */
  const statuses = async (rows: number[]) =>
    Object.fromEntries(await Promise.all(rows.map(async (i) => [ROWS[i]!.rule, await e.status(ids[i]!)])));
  const expected = (rows: number[], when: 'now' | 'atDeadline') =>
    Object.fromEntries(rows.map((i) => [ROWS[i]!.rule, ROWS[i]![when]]));
  const all = ROWS.map((_, i) => i);
  const normal = ROWS.flatMap((r, i) => (r.critical ? [] : [i]));
  const critical = ROWS.flatMap((r, i) => (r.critical ? [i] : []));
  const clockTo = async (seconds: bigint) => e.advanceClock(Math.max(0, Number(seconds - e.nowSeconds) * 1_000));

  beforeAll(async () => {
    e = await E2e.start({ neurons: NEURONS, nodeProviders: [] });
  }, 120_000);
  afterAll(() => e?.close());

  it('proposals and votes: the thresholds and voting periods of each kind, early decisions at once', async () => {
    for (const [i, row] of ROWS.entries()) {
      const id = await e.propose(row.proposer, `Row ${i}`, action(row, i));
      for (const [name, vote] of row.votes) await e.vote(name, id, vote);
      ids.push(id);
      const p = await e.proposal(id);
      expect(p.minimum_yes_proportion_of_total[0]?.basis_points[0]).toBe(row.critical ? 2_000n : 300n);
      expect(p.minimum_yes_proportion_of_exercised[0]?.basis_points[0]).toBe(row.critical ? 6_700n : 5_000n);
      expect(p.initial_voting_period_seconds).toBe(row.critical ? 5n * 86_400n : 4n * 86_400n);
    }
    wfq = await e.propose('dora', 'Wait for quiet', { Motion: { motion_text: 'The lead will flip late.' } });
    firstDeadline = await deadline(wfq);
    expect(await statuses(all)).toEqual(expected(all, 'now'));
  });

  it('wait-for-quiet: a lead flipping late in the vote moves the deadline out', async () => {
    await e.advanceClock(3.5 * DAY_MS);
    expect(await statuses(normal)).toEqual(expected(normal, 'now')); // not yet at the deadline
    await e.vote('np', wfq, 'no'); // no 27 % > yes 17 %: the lead flips, far from an absolute majority
    const p = await e.proposal(wfq);
    const cast = p.ballots.map(([, b]) => b.cast_timestamp_seconds).reduce((a, b) => (a > b ? a : b));
    const created = p.proposal_creation_timestamp_seconds;
    const W = p.wait_for_quiet_deadline_increase_seconds;
    // SNS evaluate_wait_for_quiet: deadline = now + W + initial_voting_period / 2 - elapsed / 2 (each halved
    // with integer division, as in the Rust source), when that is later than the current one. Halving the
    // difference instead would be one second off whenever elapsed is odd.
    expect(firstDeadline).toBe(created + p.initial_voting_period_seconds);
    expect(deadlineOf(p)).toBe(cast + W + p.initial_voting_period_seconds / 2n - (cast - created) / 2n);
    expect(deadlineOf(p)).toBeGreaterThan(firstDeadline);
  });

  it('at the normal deadline: quorum below 3 % rejected, exactly 3 % adopted, a tie rejected; the extended one still open', async () => {
    const last = normal.map((i) => ids[i]!);
    const deadlines = await Promise.all(last.map(deadline));
    const latest = [...deadlines, firstDeadline].reduce((a, b) => (a > b ? a : b)); // wfq's first deadline too
    await clockTo(latest + 1n);
    expect(await statuses(normal)).toEqual(expected(normal, 'atDeadline'));
    expect(await e.status(wfq)).toBe('open'); // its first deadline has passed
    expect(e.nowSeconds).toBeGreaterThan(firstDeadline);
    expect(await statuses(critical)).toEqual(expected(critical, 'now')); // 5 days for critical proposals
  });

  it('at the extended deadline the wait-for-quiet proposal is decided by its final tally (rejected)', async () => {
    const extended = await deadline(wfq);
    await clockTo(extended - 60n);
    expect(await e.status(wfq)).toBe('open');
    await clockTo(extended + 1n);
    expect(await e.status(wfq)).toBe('rejected');
    expect((await e.proposal(wfq)).decided_timestamp_seconds).toBeGreaterThanOrEqual(extended);
  });

  it('at the critical deadline: quorum below 20 % rejected, exactly 20 % (and 67 % of all) adopted', async () => {
    const deadlines = await Promise.all(critical.map((i) => deadline(ids[i]!)));
    await clockTo(deadlines.reduce((a, b) => (a > b ? a : b)) + 1n);
    expect(await statuses(critical)).toEqual(expected(critical, 'atDeadline'));
    const functions = (await (await e.sns('reader')).listNervousSystemFunctions({})).functions
      .map((f) => f.id)
      .filter((id) => id >= 2000n);
    expect(functions).toEqual(critical.filter((i) => ROWS[i]!.atDeadline === 'executed').map((i) => 2000n + BigInt(i)));
  });
});
