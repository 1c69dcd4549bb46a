import { describe, expect, it } from 'vitest';

import { encodeAdmitPayload } from './admit-payload.ts';
import { linkProposalFlow, nominateFlow } from './flows.ts';
import type { ProposalView } from './proposal.ts';
import { findNomination } from './stores.ts';
import {
  ADMIT_FUNCTION_ID,
  admitProposal,
  candidate,
  expectedMatrix,
  nominateInput,
  outcomeOf,
  roleMatrix,
  ROLES,
  SECOND,
  snapshot,
  world,
  type World,
} from './testing.ts';
import { withdraw } from './withdraw.ts';

async function withNominationAndProposal(w: World) {
  await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
  w.proposals.set(7n, admitProposal(7n, 1n));
}

const link = (w: World, caller = ROLES.nodeProvider, proposal_id = 7n) =>
  linkProposalFlow(w, caller, { nomination_id: 1n, proposal_id });

describe('link_proposal', () => {
  it('caller-role matrix: only the nominator; rejected calls change nothing', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(withNominationAndProposal, (w, caller) => link(w, caller));
    expect(outcomes).toEqual(expectedMatrix(['nodeProvider'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('links an undecided admit proposal for this nomination', async () => {
    const w = world();
    await withNominationAndProposal(w);
    const result = await link(w);
    expect(result).toEqual({ Ok: expect.objectContaining({ id: 1n, proposal_id: 7n, status: 'Open' }) });
    expect(findNomination(w.stores, 1n)?.proposal_id).toBe(7n);
  });

  const otherPayload = { function_id: ADMIT_FUNCTION_ID, payload: encodeAdmitPayload({ nomination_id: 2n }) };
  it.each<[string, Partial<ProposalView>, string]>([
    ['a proposal with another action (decoded as no generic function)', { generic: undefined }, 'InvalidInput'],
    [
      'a proposal for another generic function',
      { generic: { function_id: 1002n, payload: otherPayload.payload } },
      'InvalidInput',
    ],
    ['a proposal admitting another nomination', { generic: otherPayload }, 'InvalidInput'],
    [
      'a payload that is not an AdmitPayload',
      { generic: { function_id: ADMIT_FUNCTION_ID, payload: new Uint8Array([1, 2, 3]) } },
      'InvalidInput',
    ],
    ['an already decided proposal', { decided_timestamp_seconds: 1_700_000_000n }, 'Conflict'],
    ['a different proposal id in the answer', { id: 8n }, 'InvalidInput'],
  ])('refuses %s', async (_, overrides, expected) => {
    const w = world();
    await withNominationAndProposal(w);
    w.proposals.set(7n, { ...admitProposal(7n, 1n), ...overrides });
    const before = snapshot(w.stores);
    expect(outcomeOf(await link(w))).toBe(expected);
    expect(snapshot(w.stores)).toBe(before);
  });

  it('refuses an unknown proposal (NotFound) and an unreachable governance (Unavailable)', async () => {
    const w = world();
    await withNominationAndProposal(w);
    expect(outcomeOf(await link(w, ROLES.nodeProvider, 99n))).toBe('NotFound');
    w.governanceDown = true;
    expect(outcomeOf(await link(w))).toBe('Unavailable');
    expect(findNomination(w.stores, 1n)?.proposal_id).toBeUndefined();
  });

  it('refuses a second link while one is in place', async () => {
    const w = world();
    await withNominationAndProposal(w);
    await link(w);
    w.proposals.set(8n, admitProposal(8n, 1n));
    expect(outcomeOf(await link(w, ROLES.nodeProvider, 8n))).toBe('Conflict');
    expect(findNomination(w.stores, 1n)?.proposal_id).toBe(7n);
  });

  it('refuses an expired or withdrawn nomination', async () => {
    const w = world();
    await withNominationAndProposal(w);
    w.now = (findNomination(w.stores, 1n)?.expires_at as bigint) + SECOND;
    expect(outcomeOf(await link(w))).toBe('Conflict');
    const v = world();
    await withNominationAndProposal(v);
    withdraw(v.stores, v.now, ROLES.nodeProvider, 1n);
    expect(outcomeOf(await link(v))).toBe('Conflict');
  });

  it('does not link when the nomination was withdrawn while governance was asked', async () => {
    const w = world();
    await withNominationAndProposal(w);
    w.duringCall = () => withdraw(w.stores, w.now, ROLES.nodeProvider, 1n);
    expect(outcomeOf(await link(w))).toBe('Conflict');
    expect(findNomination(w.stores, 1n)).toMatchObject({ status: 'Withdrawn', proposal_id: undefined });
  });
});
