import { describe, expect, it } from 'vitest';

import { decisionStatus, STATUS } from './decision.ts';
import { ERROR_TYPE } from './errors.ts';
import { admitFunction, fixture, motion, N, SELF, T0, USERS } from './fixture.ts';
import { executePending, makeProposalFlow, processProposals, registerVoteFlow } from './flows.ts';
import { proposalKey } from './stores.ts';
import { VOTE } from './types.ts';

const TOKEN = 100_000_000n;
const DAY = 86_400n;
const ErrorInvalid = ERROR_TYPE.InvalidProposal;
const errType = (r: { Err?: { error_type: number } } | object) =>
  'Err' in r ? (r.Err as { error_type: number }).error_type : undefined;

describe('make_proposal', () => {
  it('snapshots ballots of eligible neurons, charges the reject cost, the proposer votes yes', async () => {
    const { env, stores } = fixture();
    const r = await makeProposalFlow(env, USERS.alice, N.a, motion());
    expect(r).toEqual({ Ok: 1n });
    const p = stores.proposals.get(proposalKey(1n))!;
    expect(p.ballots.map(([id]) => id)).toEqual([N.a, N.b, N.c, N.d]); // e: dissolve delay below the minimum
    expect(p.ballots[0]![1]).toMatchObject({ vote: VOTE.Yes, cast_timestamp_seconds: T0 });
    expect(p.latest_tally.yes).toBe(p.ballots[0]![1].voting_power);
    expect(p).toMatchObject({
      topic: 'Governance',
      action: 1n,
      minimum_yes_proportion_of_total_bp: 300n,
      minimum_yes_proportion_of_exercised_bp: 5_000n,
    });
    expect(p.current_deadline_timestamp_seconds).toBe(T0 + 4n * DAY);
    expect(p.payload_text_rendering).toBe('# Motion Proposal:\n## Motion Text:\n\nWe should.');
    expect(stores.neurons.get(N.a)!.neuron_fees_e8s).toBe(TOKEN);
  });

  it.each([
    ['a principal without SubmitProposal permission', USERS.carol, N.a, ERROR_TYPE.NotAuthorized],
    ['a neuron that does not exist', USERS.alice, '09'.repeat(32), ERROR_TYPE.NotFound],
    ['stake below the reject cost', USERS.dave, N.d, ERROR_TYPE.PreconditionFailed],
    ['dissolve delay below the minimum to vote', USERS.erin, N.e, ERROR_TYPE.PreconditionFailed],
  ])('refuses %s and changes nothing', async (_case, caller, neuron, type) => {
    const { env, stores } = fixture();
    expect(errType(await makeProposalFlow(env, caller, neuron, motion()))).toBe(type);
    expect(stores.proposals.size()).toBe(0);
    expect(stores.neurons.get(neuron)?.neuron_fees_e8s ?? 0n).toBe(0n);
  });

  it('refuses a too long title or motion text as InvalidProposal', async () => {
    const { env } = fixture();
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, { ...motion(), title: 'x'.repeat(257) }))).toBe(
      ERROR_TYPE.InvalidProposal,
    );
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, motion('x'.repeat(10_001))))).toBe(
      ERROR_TYPE.InvalidProposal,
    );
  });
});

describe('deciding', () => {
  it('early adoption after a vote refunds the reject cost and executes a motion', async () => {
    const { env, stores } = fixture();
    await makeProposalFlow(env, USERS.alice, N.a, motion());
    expect(registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes)).toEqual({ Ok: null });
    const p = stores.proposals.get(proposalKey(1n))!;
    expect(decisionStatus(p)).toBe(STATUS.Executed);
    expect(p.decided_timestamp_seconds).toBe(T0);
    expect(stores.neurons.get(N.a)!.neuron_fees_e8s).toBe(0n);
  });

  it('early rejection keeps the reject cost', async () => {
    const { env, stores } = fixture();
    await makeProposalFlow(env, USERS.alice, N.a, motion());
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.No);
    registerVoteFlow(env, USERS.carol, N.c, 1n, VOTE.No);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Rejected);
    expect(stores.neurons.get(N.a)!.neuron_fees_e8s).toBe(TOKEN);
  });

  it('at the deadline a lone yes above 3 % of the total is adopted', async () => {
    const { env, stores, clock } = fixture();
    await makeProposalFlow(env, USERS.alice, N.a, motion());
    clock.now = T0 + 4n * DAY - 1n;
    await processProposals(env);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Open);
    clock.now = T0 + 4n * DAY;
    await processProposals(env);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Executed);
  });
});

describe('register_vote', () => {
  it('refuses double votes, ineligible neurons, strangers, bad votes and votes after the deadline', async () => {
    const { env, clock } = fixture();
    await makeProposalFlow(env, USERS.alice, N.a, motion());
    expect(errType(registerVoteFlow(env, USERS.alice, N.a, 1n, VOTE.No))).toBe(ERROR_TYPE.PreconditionFailed);
    expect(errType(registerVoteFlow(env, USERS.erin, N.e, 1n, VOTE.Yes))).toBe(ERROR_TYPE.NotAuthorized);
    expect(errType(registerVoteFlow(env, USERS.alice, N.b, 1n, VOTE.Yes))).toBe(ERROR_TYPE.NotAuthorized);
    expect(errType(registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Unspecified))).toBe(ERROR_TYPE.InvalidCommand);
    expect(errType(registerVoteFlow(env, USERS.bob, N.b, 7n, VOTE.Yes))).toBe(ERROR_TYPE.NotFound);
    expect(errType(registerVoteFlow(env, USERS.bob, N.b, undefined, VOTE.Yes))).toBe(ERROR_TYPE.InvalidCommand);
    clock.now = T0 + 4n * DAY;
    expect(errType(registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes))).toBe(ERROR_TYPE.PreconditionFailed);
  });
});

describe('generic functions', () => {
  const add = (f = admitFunction) => ({
    title: 'Add admit',
    summary: '',
    url: '',
    action: { AddGenericNervousSystemFunction: f },
  });

  it.each([
    ['an id below 1000', { ...admitFunction, id: 999n }],
    ['an empty name', { ...admitFunction, name: '' }],
    ['a description above 10000 bytes', { ...admitFunction, description: 'd'.repeat(10_001) }],
    ['an empty target method', { ...admitFunction, target_method_name: '' }],
    ['this governance as target', { ...admitFunction, target_canister_id: SELF }],
    ['ic00 as validator', { ...admitFunction, validator_canister_id: 'aaaaa-aa' }],
    ['a reserved SNS canister (root) as target', { ...admitFunction, target_canister_id: 'sns-root' }],
  ])('refuses to add a function with %s', async (_case, f) => {
    const { env, stores } = fixture();
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, add(f)))).toBe(ErrorInvalid);
    expect(stores.proposals.size()).toBe(0);
  });

  it('adding is critical (20 % / 67 %, 5 days): two of three equal voters do not adopt early, three do', async () => {
    const { env, stores } = fixture();
    expect(await makeProposalFlow(env, USERS.alice, N.a, add())).toEqual({ Ok: 1n });
    const p = stores.proposals.get(proposalKey(1n))!;
    expect(p).toMatchObject({
      topic: 'CriticalDappOperations',
      action: 4n,
      minimum_yes_proportion_of_total_bp: 2_000n,
      minimum_yes_proportion_of_exercised_bp: 6_700n,
    });
    expect(p.initial_voting_period_seconds).toBe(5n * DAY);
    expect(p.wait_for_quiet_deadline_increase_seconds).toBe(2n * DAY + DAY / 2n);
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Open);
    registerVoteFlow(env, USERS.carol, N.c, 1n, VOTE.Yes);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Executed);
    expect(stores.functions.get(proposalKey(1001n))).toEqual({ Generic: admitFunction });
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, add()))).toBe(ErrorInvalid); // id now taken
  });

  it('removing leaves the id reserved', async () => {
    const { env, stores } = fixture({ functions: [admitFunction] });
    await makeProposalFlow(env, USERS.alice, N.a, {
      title: 'rm',
      summary: '',
      url: '',
      action: { RemoveGenericNervousSystemFunction: 1001n },
    });
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes);
    registerVoteFlow(env, USERS.carol, N.c, 1n, VOTE.Yes);
    expect(stores.functions.get(proposalKey(1001n))).toEqual({ Removed: 1001n });
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, add()))).toBe(ErrorInvalid);
  });
});

describe('ExecuteGenericNervousSystemFunction', () => {
  const execute = (payload = 'c0ffee', function_id = 1001n) => ({
    title: 'Admit',
    summary: '',
    url: '',
    action: { ExecuteGenericNervousSystemFunction: { function_id, payload_hex: payload } },
  });

  it.each([
    ['Err', { Err: 'no such nomination' }, 'returned an error: no such nomination'],
    ['a reject or trap', { CallFailed: 'canister trapped' }, 'failed: canister trapped'],
    ['an undecodable reply', { Undecodable: 'wrong type' }, 'not Result<String, String>'],
  ] as const)('validator answering %s: InvalidProposal, no proposal, no fee', async (_case, answer, message) => {
    const { env, stores, answers, calls } = fixture({ functions: [admitFunction] });
    answers.validator = answer;
    const r = await makeProposalFlow(env, USERS.alice, N.a, execute());
    expect(errType(r)).toBe(ErrorInvalid);
    expect('Err' in r && r.Err.error_message).toContain(message);
    expect(calls).toEqual([
      {
        kind: 'validate',
        canister: 'target-canister',
        method: 'validate_admit',
        payload: Uint8Array.from([0xc0, 0xff, 0xee]),
      },
    ]);
    expect(stores.proposals.size()).toBe(0);
    expect(stores.neurons.get(N.a)!.neuron_fees_e8s).toBe(0n);
  });

  it('an unknown function is refused without calling anything', async () => {
    const { env, calls } = fixture({ functions: [admitFunction] });
    expect(errType(await makeProposalFlow(env, USERS.alice, N.a, execute('00', 1002n)))).toBe(ErrorInvalid);
    expect(calls).toEqual([]);
  });

  it('validator Ok text is rendered; on adoption the target gets the same payload; any reply → Executed', async () => {
    const { env, stores, calls } = fixture({ functions: [admitFunction] });
    await makeProposalFlow(env, USERS.alice, N.a, execute());
    const p = stores.proposals.get(proposalKey(1n))!;
    expect(p).toMatchObject({
      action: 1001n,
      topic: 'ApplicationBusinessLogic',
      minimum_yes_proportion_of_total_bp: 300n,
    });
    expect(p.payload_text_rendering).toContain('## Payload:\n\nrendered by the validator');
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes);
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Adopted);
    await executePending(env);
    expect(calls.at(-1)).toEqual({
      kind: 'target',
      canister: 'target-canister',
      method: 'admit',
      payload: Uint8Array.from([0xc0, 0xff, 0xee]),
    });
    expect(decisionStatus(stores.proposals.get(proposalKey(1n))!)).toBe(STATUS.Executed);
    await executePending(env);
    expect(calls.filter((c) => c.kind === 'target')).toHaveLength(1);
  });

  it('a target reject/trap → Failed with the reason', async () => {
    const { env, stores, answers } = fixture({ functions: [admitFunction] });
    answers.target = 'reject code 5: registry stopped';
    await makeProposalFlow(env, USERS.alice, N.a, execute());
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.Yes);
    await executePending(env);
    const p = stores.proposals.get(proposalKey(1n))!;
    expect(decisionStatus(p)).toBe(STATUS.Failed);
    expect(p.failure_reason).toEqual({
      error_type: ERROR_TYPE.External,
      error_message: 'Canister method call failed: reject code 5: registry stopped',
    });
    expect(p.failed_timestamp_seconds).toBe(T0);
  });
});
