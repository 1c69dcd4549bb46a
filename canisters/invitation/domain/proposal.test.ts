import { describe, expect, it } from 'vitest';

import { proposalOutcome, type ProposalView } from './proposal.ts';
import { admitProposal } from './testing.ts';

const at = (overrides: Partial<ProposalView>) => proposalOutcome(admitProposal(7n, 1n, overrides));
const decided = { decided_timestamp_seconds: 100n };

describe('proposalOutcome (the SNS status rule)', () => {
  it.each<[string, Partial<ProposalView>, string]>([
    ['undecided', {}, 'Open'],
    ['undecided even with a winning tally', { tally: { yes: 900n, no: 0n, total: 1_000n } }, 'Open'],
    [
      'decided with a majority and quorum, not yet executed',
      { ...decided, tally: { yes: 40n, no: 30n, total: 1_000n } },
      'Adopted',
    ],
    ['decided with a minority', { ...decided, tally: { yes: 30n, no: 40n, total: 1_000n } }, 'Rejected'],
    [
      'decided on a tie (majority must be strict)',
      { ...decided, tally: { yes: 40n, no: 40n, total: 1_000n } },
      'Rejected',
    ],
    [
      'decided with a majority below the 3 % quorum',
      { ...decided, tally: { yes: 29n, no: 0n, total: 1_000n } },
      'Rejected',
    ],
    ['decided with exactly 3 % yes', { ...decided, tally: { yes: 30n, no: 0n, total: 1_000n } }, 'Adopted'],
    ['decided without a tally', { ...decided, tally: undefined }, 'Rejected'],
    [
      'critical thresholds (20 % / 67 %) not met',
      {
        ...decided,
        tally: { yes: 150n, no: 50n, total: 1_000n },
        minimum_yes_proportion_of_total_bp: 2_000n,
        minimum_yes_proportion_of_exercised_bp: 6_700n,
      },
      'Rejected',
    ],
    [
      'critical thresholds met',
      {
        ...decided,
        tally: { yes: 210n, no: 100n, total: 1_000n },
        minimum_yes_proportion_of_total_bp: 2_000n,
        minimum_yes_proportion_of_exercised_bp: 6_700n,
      },
      'Adopted',
    ],
    ['executed', { ...decided, executed_timestamp_seconds: 101n }, 'Executed'],
    ['failed', { ...decided, failed_timestamp_seconds: 101n }, 'Failed'],
  ])('%s -> %s', (_, overrides, expected) => {
    expect(at(overrides)).toBe(expected);
  });
});
