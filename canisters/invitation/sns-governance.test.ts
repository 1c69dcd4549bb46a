import { IDL as AzleIdl } from '@dfinity/candid';
import { IDL } from '@icp-sdk/core/candid';
import { describe, expect, it } from 'vitest';

// The official SNS governance interface, to prove our subset decodes what real governance sends.
import { snsGovernanceIdlFactory as officialFactory } from '@gatehouse/clients';
import { decodeAdmitPayload, encodeAdmitPayload } from './domain/admit-payload.ts';
import { snsGovernanceTypes, toProposalLookup, type GetProposalResponseValue } from './sns-governance.ts';

const official = officialFactory({ IDL }) as unknown as {
  _fields: Array<[string, { retTypes: IDL.Type[]; argTypes: IDL.Type[] }]>;
};
const getProposal = official._fields.find(([name]) => name === 'get_proposal')?.[1];
const subset = snsGovernanceTypes(AzleIdl);

function officialProposalData(action: unknown, overrides: Record<string, unknown> = {}) {
  return {
    id: [{ id: 7n }],
    payload_text_rendering: [],
    action: 1001n,
    failure_reason: [],
    action_auxiliary: [],
    ballots: [],
    minimum_yes_proportion_of_total: [{ basis_points: [2_000n] }],
    reward_event_round: 0n,
    failed_timestamp_seconds: 0n,
    reward_event_end_timestamp_seconds: [],
    proposal_creation_timestamp_seconds: 1_700_000_000n,
    initial_voting_period_seconds: 345_600n,
    reject_cost_e8s: 100_000_000n,
    latest_tally: [{ yes: 10n, no: 2n, total: 100n, timestamp_seconds: 1_700_000_100n }],
    wait_for_quiet_deadline_increase_seconds: 86_400n,
    decided_timestamp_seconds: 0n,
    proposal: [{ url: 'https://example.org', title: 'Admit', summary: 'Admit Ada', action: [action] }],
    proposer: [],
    wait_for_quiet_state: [],
    minimum_yes_proportion_of_exercised: [],
    is_eligible_for_rewards: true,
    executed_timestamp_seconds: 0n,
    topic: [],
    ...overrides,
  };
}

function roundTrip(result: unknown): GetProposalResponseValue {
  if (getProposal === undefined) throw new Error('official interface has no get_proposal');
  const bytes = IDL.encode(getProposal.retTypes, [{ result }]);
  const [decoded] = AzleIdl.decode([subset.GetProposalResponse], new Uint8Array(bytes));
  return decoded as unknown as GetProposalResponseValue;
}

describe('SNS governance subset', () => {
  it('decodes an official ExecuteGenericNervousSystemFunction proposal into the domain view', () => {
    const payload = encodeAdmitPayload({ nomination_id: 3n });
    const action = { ExecuteGenericNervousSystemFunction: { function_id: 1001n, payload } };
    const lookup = toProposalLookup(7n, roundTrip([{ Proposal: officialProposalData(action) }]));
    if (!('Found' in lookup)) throw new Error(JSON.stringify(lookup));
    expect(lookup.Found).toMatchObject({
      id: 7n,
      decided_timestamp_seconds: 0n,
      tally: { yes: 10n, no: 2n, total: 100n },
      minimum_yes_proportion_of_total_bp: 2_000n,
      minimum_yes_proportion_of_exercised_bp: undefined,
    });
    expect(lookup.Found.generic?.function_id).toBe(1001n);
    expect(decodeAdmitPayload(lookup.Found.generic?.payload as Uint8Array)).toEqual({ nomination_id: 3n });
  });

  it('decodes an action outside the subset (Motion) as "no generic function" instead of failing', () => {
    const lookup = toProposalLookup(
      7n,
      roundTrip([{ Proposal: officialProposalData({ Motion: { motion_text: 'hi' } }) }]),
    );
    expect('Found' in lookup && lookup.Found.generic).toBeUndefined();
    expect('Found' in lookup && lookup.Found.id).toBe(7n);
  });

  it('reads failure reason and timestamps', () => {
    const data = officialProposalData(
      { Motion: { motion_text: 'x' } },
      {
        failed_timestamp_seconds: 5n,
        decided_timestamp_seconds: 4n,
        failure_reason: [{ error_type: 1, error_message: 'trap' }],
      },
    );
    const lookup = toProposalLookup(7n, roundTrip([{ Proposal: data }]));
    expect(lookup).toEqual({
      Found: expect.objectContaining({
        failed_timestamp_seconds: 5n,
        decided_timestamp_seconds: 4n,
        failure_reason: 'trap',
      }),
    });
  });

  it('maps a governance Error and an empty result to NotFound', () => {
    expect(
      toProposalLookup(
        9n,
        roundTrip([{ Error: { error_type: 3, error_message: 'No proposal for given ProposalId.' } }]),
      ),
    ).toEqual({
      NotFound: 'No proposal for given ProposalId.',
    });
    expect(toProposalLookup(9n, roundTrip([]))).toEqual({ NotFound: 'governance has no proposal 9' });
  });

  it('sends get_proposal arguments the official interface accepts', () => {
    if (getProposal === undefined) throw new Error('official interface has no get_proposal');
    const bytes = AzleIdl.encode(subset.get_proposal.args, [{ proposal_id: [{ id: 7n }] }]);
    expect(IDL.decode(getProposal.argTypes, new Uint8Array(bytes))).toEqual([{ proposal_id: [{ id: 7n }] }]);
  });
});

describe('AdmitPayload codec', () => {
  it('round-trips and rejects bytes that are not an AdmitPayload', () => {
    expect(decodeAdmitPayload(encodeAdmitPayload({ nomination_id: 12n }))).toEqual({ nomination_id: 12n });
    expect(decodeAdmitPayload(new Uint8Array([0, 1, 2]))).toBeUndefined();
    expect(decodeAdmitPayload(new Uint8Array(AzleIdl.encode([AzleIdl.Text], ['12'])))).toBeUndefined();
  });

  it('decodes a payload that sits at an offset inside a larger buffer', () => {
    const bytes = encodeAdmitPayload({ nomination_id: 5n });
    const big = new Uint8Array(bytes.length + 4);
    big.set(bytes, 4);
    expect(decodeAdmitPayload(big.subarray(4))).toEqual({ nomination_id: 5n });
  });
});
