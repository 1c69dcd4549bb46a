/**
 * The built sns_governance wasm on the local network as SNS governance of the real invitation,
 * registry and queue canisters: a generic function registered by a (critical) proposal, then
 * ExecuteGenericNervousSystemFunction proposals validated by invitation.validate_admit and
 * executed as invitation.admit. Time moves only through net.advanceTime.
 */
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNet } from '../../localnet/src/index.ts';
import { nominateArgs, okOf } from '../../test/support/args.ts';
import { startNet } from '../../test/support/deploy.ts';
import { encodeAdmitPayload } from '../invitation/domain/admit-payload.ts';
import { ROLES, testPrincipal } from '../shared/testing/roles.ts';
import { ERROR_TYPE } from './domain/errors.ts';
import {
  DAY_MS,
  deployGoverned,
  genericFunction,
  listProposalsArgs,
  makeProposal,
  neuronId,
  registerVote,
  type GovernedGatehouse,
} from './testing/deploy.ts';

const p = (text: string) => Principal.fromText(text);
const NODE_PROVIDER = p(ROLES.nodeProvider);
const HOLDER_1 = p(testPrincipal(301));
const HOLDER_2 = p(testPrincipal(302));
const NP_NEURON = neuronId(1);
const NEURON_1 = neuronId(2);
const NEURON_2 = neuronId(3);
const ADMIT = 1001n;
/** Pre-registered at init: validators that answer something other than Result<String, String>, or trap. */
const BAD_REPLY = 1002n;
const TRAPPING = 1003n;

type Data = { decided_timestamp_seconds: bigint; executed_timestamp_seconds: bigint; failed_timestamp_seconds: bigint };
const state = (d: Data) =>
  d.decided_timestamp_seconds === 0n
    ? 'open'
    : d.executed_timestamp_seconds > 0n
      ? 'executed'
      : d.failed_timestamp_seconds > 0n
        ? 'failed'
        : 'adopted';

describe('sns_governance on localnet, governing the invitation canister', () => {
  let net: LocalNet;
  let g: GovernedGatehouse;
  const gov = (who = HOLDER_1) => g.governance(who);
  const proposal = async (id: bigint) => (await gov().get_proposal({ proposal_id: [{ id }] })).result[0].Proposal;
  const submit = async (who: Principal, neuron: Uint8Array, title: string, action: unknown) =>
    (await gov(who).manage_neuron(makeProposal(neuron, title, action))).command[0];
  const vote = async (who: Principal, neuron: Uint8Array, id: bigint, v: 1 | 2 = 1) =>
    (await gov(who).manage_neuron(registerVote(neuron, id, v))).command[0];
  const nominate = async (n: number) =>
    okOf(await g.invitation('nodeProvider').nominate(nominateArgs(p(testPrincipal(n)), `Candidate ${n}`))).id as bigint;
  const executeAdmit = (nomination_id: bigint) => ({
    ExecuteGenericNervousSystemFunction: { function_id: ADMIT, payload: encodeAdmitPayload({ nomination_id }) },
  });

  beforeAll(async () => {
    net = await startNet();
    g = await deployGoverned(
      net,
      [
        { id: NP_NEURON, owner: NODE_PROVIDER },
        { id: NEURON_1, owner: HOLDER_1 },
        { id: NEURON_2, owner: HOLDER_2 },
      ],
      {
        functions: (ids) => [
          genericFunction(BAD_REPLY, ids.invitation, 'admit', 'get_params') as never, // a query answering InvitationParams
          genericFunction(TRAPPING, ids.invitation, 'admit', 'admit') as never, // admit traps for governance on an unknown nomination
        ],
      },
    );
  }, 240_000);
  afterAll(() => net?.close());

  it('starts with the genesis neurons, default parameters, metadata and only native functions', async () => {
    const { neurons } = await gov().list_neurons({ of_principal: [], limit: 0, start_page_at: [] });
    expect(neurons.map((n: { id: [{ id: Uint8Array }] }) => n.id[0].id[0])).toEqual([1, 2, 3]);
    const mine = await gov().list_neurons({ of_principal: [HOLDER_2], limit: 10, start_page_at: [] });
    expect(mine.neurons).toHaveLength(1);
    expect(mine.neurons[0].cached_neuron_stake_e8s).toBe(1_000_000_000n);
    const params = await gov().get_nervous_system_parameters(null);
    expect(params).toMatchObject({
      reject_cost_e8s: [100_000_000n],
      initial_voting_period_seconds: [345_600n],
      max_dissolve_delay_bonus_percentage: [100n],
    });
    expect((await gov().get_metadata({})).name).toEqual(['Gatehouse (local)']);
    const fns = await gov().list_nervous_system_functions();
    expect(fns.functions.map((f: { id: bigint }) => f.id)).toEqual([0n, 1n, 3n, 4n, 5n, 6n, BAD_REPLY, TRAPPING]);
  });

  it('registers admit by an AddGenericNervousSystemFunction proposal under critical rules, decided at the deadline', async () => {
    const created = await submit(NODE_PROVIDER, NP_NEURON, 'Add admit', {
      AddGenericNervousSystemFunction: genericFunction(ADMIT, g.ids.invitation, 'admit', 'validate_admit'),
    });
    expect(created).toEqual({ MakeProposal: { proposal_id: [{ id: 1n }] } });
    const data = await proposal(1n);
    expect(data).toMatchObject({
      action: 4n,
      topic: [{ CriticalDappOperations: null }],
      initial_voting_period_seconds: 5n * 86_400n,
      minimum_yes_proportion_of_total: [{ basis_points: [2_000n] }],
      minimum_yes_proportion_of_exercised: [{ basis_points: [6_700n] }],
    });
    expect(await vote(HOLDER_1, NEURON_1, 1n)).toEqual({ RegisterVote: {} });
    expect(state(await proposal(1n))).toBe('open'); // 2 of 3 equal neurons: 66.7 % < 67 %, no early decision
    await net.advanceTime(5 * DAY_MS - 1_000);
    expect(state(await proposal(1n))).toBe('open');
    await net.advanceTime(1_000);
    expect(state(await proposal(1n))).toBe('executed'); // at the deadline: yes 100 % of cast, 66.7 % >= 20 % of total
    const fns = await gov().list_nervous_system_functions();
    expect(fns.functions.find((f: { id: bigint }) => f.id === ADMIT)).toMatchObject({ name: 'admit' });
  });

  it('a nomination goes through validate_admit into the rendering, is adopted by votes, executed, and the contributor is Active', async () => {
    const nominationId = await nominate(201);
    const created = await submit(NODE_PROVIDER, NP_NEURON, 'Admit Candidate 201', executeAdmit(nominationId));
    expect(created).toEqual({ MakeProposal: { proposal_id: [{ id: 2n }] } });
    const data = await proposal(2n);
    expect(data.payload_text_rendering[0]).toContain(`"Candidate 201" (${testPrincipal(201)})`);
    expect(data).toMatchObject({
      action: ADMIT,
      topic: [{ ApplicationBusinessLogic: null }],
      minimum_yes_proportion_of_exercised: [{ basis_points: [5_000n] }],
    });
    expect(state(data)).toBe('open');
    await vote(HOLDER_1, NEURON_1, 2n); // 2 of 3 > 50 % of all voting power: early adoption
    const done = await proposal(2n);
    expect(state(done)).toBe('executed');
    expect(done.executed_timestamp_seconds).toBe(net.time / 1_000_000_000n);
    expect(await g.registry().role_of(p(testPrincipal(201)))).toEqual({ Contributor: { Active: null } });
    expect((await g.invitation().get_nomination(nominationId))[0]?.status).toEqual({ Admitted: null });
  });

  it('a validator Err means InvalidProposal and no proposal', async () => {
    const before = (await gov().list_proposals(listProposalsArgs())).proposals.length;
    const refused = await submit(NODE_PROVIDER, NP_NEURON, 'Admit nobody', executeAdmit(99n));
    expect(refused.Error.error_type).toBe(ERROR_TYPE.InvalidProposal);
    expect(refused.Error.error_message).toContain('no nomination 99');
    expect((await gov().list_proposals(listProposalsArgs())).proposals.length).toBe(before);
  });

  it('a validator that traps, or answers something other than Result<String, String>, means InvalidProposal and no proposal', async () => {
    const before = (await gov().list_proposals(listProposalsArgs())).proposals.length;
    const execute = (function_id: bigint) => ({
      ExecuteGenericNervousSystemFunction: { function_id, payload: encodeAdmitPayload({ nomination_id: 99n }) },
    });
    const trapped = await submit(NODE_PROVIDER, NP_NEURON, 'Trapping validator', execute(TRAPPING));
    expect(trapped.Error).toMatchObject({ error_type: ERROR_TYPE.InvalidProposal });
    expect(trapped.Error.error_message).toContain('.admit failed');
    const badReply = await submit(NODE_PROVIDER, NP_NEURON, 'Bad validator reply', execute(BAD_REPLY));
    expect(badReply.Error).toMatchObject({ error_type: ERROR_TYPE.InvalidProposal });
    expect(badReply.Error.error_message).toContain('not Result<String, String>');
    expect((await gov().list_proposals(listProposalsArgs())).proposals.length).toBe(before);
  });

  it('a target that traps (registry stopped) makes the adopted proposal Failed with the reason', async () => {
    const nominationId = await nominate(202);
    const created = await submit(NODE_PROVIDER, NP_NEURON, 'Admit Candidate 202', executeAdmit(nominationId));
    const id = created.MakeProposal.proposal_id[0].id as bigint;
    await net.stopCanister(g.ids.registry);
    try {
      await vote(HOLDER_2, NEURON_2, id);
    } finally {
      await net.startCanister(g.ids.registry);
    }
    const data = await proposal(id);
    expect(state(data)).toBe('failed');
    expect(data.failure_reason[0].error_type).toBe(ERROR_TYPE.External);
    expect(data.failure_reason[0].error_message).toContain(`admit of nomination ${nominationId} failed`);
    expect(await g.registry().role_of(p(testPrincipal(202)))).not.toEqual({ Contributor: { Active: null } });
  });

  it('list_proposals: newest first, paging, status filter, only the caller neurons ballots, no rendering', async () => {
    const all = await gov(HOLDER_2).list_proposals(listProposalsArgs());
    expect(all.proposals.map((d: { id: [{ id: bigint }] }) => d.id[0].id)).toEqual([3n, 2n, 1n]);
    expect(all.proposals[0].ballots.map(([id]: [string]) => id)).toEqual([Buffer.from(NEURON_2).toString('hex')]);
    expect(all.proposals[0].payload_text_rendering).toEqual([]);
    expect(all.proposals[1].proposal[0].action[0].ExecuteGenericNervousSystemFunction.payload).toHaveLength(0);
    expect(all.include_ballots_by_caller).toEqual([true]);
    const page = await gov().list_proposals({ ...listProposalsArgs(1), before_proposal: [{ id: 3n }] });
    expect(page.proposals.map((d: { id: [{ id: bigint }] }) => d.id[0].id)).toEqual([2n]);
    const failed = await gov().list_proposals({ ...listProposalsArgs(), include_status: [5] });
    expect(failed.proposals.map((d: { id: [{ id: bigint }] }) => d.id[0].id)).toEqual([3n]);
    const stranger = await gov(p(ROLES.stranger)).list_proposals(listProposalsArgs());
    expect(stranger.proposals.every((d: { ballots: unknown[] }) => d.ballots.length === 0)).toBe(true);
  });

  it('checks the caller on every command and answers unsupported commands with a clear Error', async () => {
    const notMine = await vote(HOLDER_1, NEURON_2, 1n);
    expect(notMine.Error.error_type).toBe(ERROR_TYPE.NotAuthorized);
    const anonymous = await submit(Principal.anonymous(), NP_NEURON, 'x', { Motion: { motion_text: 'x' } });
    expect(anonymous.Error.error_type).toBe(ERROR_TYPE.NotAuthorized);
    const split = (
      await gov().manage_neuron({ subaccount: NEURON_1, command: [{ Split: { memo: 0n, amount_e8s: 1n } }] })
    ).command[0];
    expect(split.Error).toMatchObject({ error_type: ERROR_TYPE.InvalidCommand });
    expect(split.Error.error_message).toContain('Split is not supported');
    const unsupported = await submit(NODE_PROVIDER, NP_NEURON, 'x', { UpgradeSnsToNextVersion: {} });
    expect(unsupported.Error.error_type).toBe(ERROR_TYPE.InvalidProposal);
  });

  it('keeps proposals and re-arms the deadline timer across an upgrade', async () => {
    const created = await submit(HOLDER_1, NEURON_1, 'A motion', { Motion: { motion_text: 'Serve more models.' } });
    const id = created.MakeProposal.proposal_id[0].id as bigint;
    await g.upgradeGovernance();
    expect(state(await proposal(id))).toBe('open');
    await net.advanceTime(4 * DAY_MS);
    const data = await proposal(id);
    expect(state(data)).toBe('executed'); // one yes of three: above 3 % of total, 100 % of cast
    expect((await gov().list_proposals(listProposalsArgs())).proposals).toHaveLength(4);
  });
});
