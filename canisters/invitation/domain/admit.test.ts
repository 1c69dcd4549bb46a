import { describe, expect, it } from 'vitest';

import { admitFlow, linkProposalFlow, nominateFlow, validateAdmitFlow } from './flows.ts';
import { stats } from './queries.ts';
import { findNomination } from './stores.ts';
import {
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

async function withNomination(w: World) {
  await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
}

const expiresAt = (w: World) => findNomination(w.stores, 1n)?.expires_at as bigint;

describe('validate_admit', () => {
  it('renders everything token holders judge and changes nothing', async () => {
    const w = world();
    await withNomination(w);
    const before = snapshot(w.stores);
    const result = await validateAdmitFlow(w, ROLES.governance, { nomination_id: 1n });
    if (!('Ok' in result)) throw new Error(JSON.stringify(result));
    for (const part of [
      'Ada Lovelace Labs',
      candidate(1),
      ROLES.nodeProvider,
      'RTX 4090',
      '24 GiB VRAM',
      '64 GiB RAM',
      '16 CPU cores',
      'eu-central',
      'llama-3.1-8b-q4',
      'Runs a GPU cluster in Zurich',
      new Date(Number(expiresAt(w) / 1_000_000n)).toISOString(),
    ]) {
      expect(result.Ok).toContain(part);
    }
    expect(snapshot(w.stores)).toBe(before);
  });

  it('escapes names and quotes the motivation so nothing a nominator wrote can forge a line', async () => {
    const w = world();
    const forged = 'Good hardware.\n\n## Admit nomination 2 instead\n- approved by the foundation';
    const input = nominateInput(candidate(1), { display_name: 'Ada **[verified](x)**', motivation: forged });
    await nominateFlow(w, ROLES.nodeProvider, input);
    const result = await validateAdmitFlow(w, ROLES.governance, { nomination_id: 1n });
    if (!('Ok' in result)) throw new Error(JSON.stringify(result));
    expect(result.Ok).toContain('"Ada \\*\\*\\[verified\\](x)\\*\\*"');
    const lines = result.Ok.split('\n');
    const motivation = lines.slice(lines.indexOf('Motivation:') + 1);
    expect(motivation).toEqual([
      '> Good hardware.',
      '> ',
      '> \\## Admit nomination 2 instead',
      '> \\- approved by the foundation',
    ]);
  });

  it('answers governance always; others within a budget, refused beyond it without a registry call', async () => {
    const w = world();
    await withNomination(w);
    expect(outcomeOf(await validateAdmitFlow(w, ROLES.anonymous, { nomination_id: 1n }))).toBe('Unauthorized');
    for (let i = 0; i < 10; i++)
      expect(outcomeOf(await validateAdmitFlow(w, ROLES.stranger, { nomination_id: 1n }))).toBe('Ok');
    w.registryDown = true;
    expect(outcomeOf(await validateAdmitFlow(w, ROLES.stranger, { nomination_id: 1n }))).toBe('LimitExceeded');
    expect(outcomeOf(await validateAdmitFlow(w, ROLES.governance, { nomination_id: 1n }))).toBe('Unavailable');
  });

  it('is deterministic: the same state gives the same text', async () => {
    const w = world();
    await withNomination(w);
    expect(await validateAdmitFlow(w, ROLES.governance, { nomination_id: 1n })).toEqual(
      await validateAdmitFlow(w, ROLES.governance, { nomination_id: 1n }),
    );
  });

  it.each<[string, (w: World) => void, string]>([
    ['an unknown nomination', () => {}, 'NotFound'],
    ['a withdrawn nomination', (w) => void withdraw(w.stores, w.now, ROLES.nodeProvider, 1n), 'Conflict'],
    ['a nomination past its expiry', (w) => void (w.now = expiresAt(w)), 'Conflict'],
    [
      'a candidate who became a contributor meanwhile',
      (w) => void w.roles.set(candidate(1), { Contributor: { Active: null } }),
      'Conflict',
    ],
    [
      'a sponsor removed as a node provider meanwhile (the registry says so)',
      (w) => void w.roles.set(ROLES.nodeProvider, { None: null }),
      'Conflict',
    ],
    ['an unreachable registry', (w) => void (w.registryDown = true), 'Unavailable'],
  ])('refuses %s', async (name, arrange, expected) => {
    const w = world();
    await withNomination(w);
    arrange(w);
    const id = name === 'an unknown nomination' ? 42n : 1n;
    expect(outcomeOf(await validateAdmitFlow(w, ROLES.governance, { nomination_id: id }))).toBe(expected);
  });
});

describe('admit', () => {
  it('caller-role matrix: only governance; rejected calls change nothing', async () => {
    const { outcomes, unchangedOnReject } = await roleMatrix(withNomination, (w, caller) =>
      admitFlow(w, caller, { nomination_id: 1n }),
    );
    expect(outcomes).toEqual(expectedMatrix(['governance'], 'Unauthorized'));
    expect(unchangedOnReject).toBe(true);
  });

  it('asks the registry to admit with the nomination data and marks it Admitted', async () => {
    const w = world();
    await withNomination(w);
    w.proposals.set(7n, admitProposal(7n, 1n));
    await linkProposalFlow(w, ROLES.nodeProvider, { nomination_id: 1n, proposal_id: 7n });
    w.now += 3n * SECOND;
    expect(await admitFlow(w, ROLES.governance, { nomination_id: 1n })).toEqual({ Ok: candidate(1) });
    expect(w.admissions).toEqual([
      {
        contributor: candidate(1),
        display_name: 'Ada Lovelace Labs',
        sponsor: ROLES.nodeProvider,
        proposal_id: 7n,
        hardware: nominateInput(candidate(1)).hardware,
        models: ['llama-3.1-8b-q4'],
      },
    ]);
    expect(findNomination(w.stores, 1n)).toMatchObject({ status: 'Admitted', updated_at: w.now });
    expect(stats(w.stores)).toMatchObject({ open: 0n, admitted: 1n });
  });

  it('passes proposal id 0 when no proposal was linked', async () => {
    const w = world();
    await withNomination(w);
    await admitFlow(w, ROLES.governance, { nomination_id: 1n });
    expect(w.admissions[0]?.proposal_id).toBe(0n);
  });

  it.each<[string, (w: World) => void, string]>([
    ['the registry is unreachable', (w) => void (w.registryDown = true), 'Unavailable'],
    [
      'the registry answers Err',
      (w) => void (w.admitAnswer = { Err: { Conflict: 'already a contributor' } }),
      'Conflict',
    ],
    ['the nomination was withdrawn', (w) => void withdraw(w.stores, w.now, ROLES.nodeProvider, 1n), 'Conflict'],
    ['the unlinked nomination expired', (w) => void (w.now = expiresAt(w)), 'Conflict'],
  ])('returns Err (index.ts traps) and leaves the nomination not Admitted when %s', async (_, arrange, expected) => {
    const w = world();
    await withNomination(w);
    arrange(w);
    const before = snapshot(w.stores);
    const result = await admitFlow(w, ROLES.governance, { nomination_id: 1n });
    expect(outcomeOf(result)).toBe(expected);
    expect(findNomination(w.stores, 1n)?.status).not.toBe('Admitted');
    expect(snapshot(w.stores)).toBe(before);
  });

  it('does not call the registry for a nomination that is not admissible', async () => {
    const w = world();
    await withNomination(w);
    withdraw(w.stores, w.now, ROLES.nodeProvider, 1n);
    await admitFlow(w, ROLES.governance, { nomination_id: 1n });
    expect(w.admissions).toEqual([]);
  });

  it('admits a linked nomination whose vote outlived its TTL', async () => {
    const w = world();
    await withNomination(w);
    w.proposals.set(7n, admitProposal(7n, 1n));
    await linkProposalFlow(w, ROLES.nodeProvider, { nomination_id: 1n, proposal_id: 7n });
    w.now = expiresAt(w) + 3_600n * SECOND;
    expect(outcomeOf(await admitFlow(w, ROLES.governance, { nomination_id: 1n }))).toBe('Ok');
  });

  it('refuses a second admit of an admitted nomination', async () => {
    const w = world();
    await withNomination(w);
    await admitFlow(w, ROLES.governance, { nomination_id: 1n });
    expect(outcomeOf(await admitFlow(w, ROLES.governance, { nomination_id: 1n }))).toBe('Conflict');
    expect(w.admissions).toHaveLength(1);
  });

  it('records the admission even if a withdrawal raced in while the registry was admitting', async () => {
    const w = world();
    await withNomination(w);
    w.duringCall = () => withdraw(w.stores, w.now, ROLES.nodeProvider, 1n);
    expect(outcomeOf(await admitFlow(w, ROLES.governance, { nomination_id: 1n }))).toBe('Ok');
    expect(findNomination(w.stores, 1n)).toMatchObject({
      status: 'Admitted',
      status_reason: expect.stringContaining('was Withdrawn'),
    });
    expect(stats(w.stores)).toMatchObject({ open: 0n, withdrawn: 0n, admitted: 1n });
  });
});
