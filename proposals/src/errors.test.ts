import { SnsGovernanceError } from '@dfinity/sns';
import { describe, expect, it } from 'vitest';

import { CliError, governanceMessage, toCliError } from './errors.ts';

describe('governance errors as one line', () => {
  it.each([
    [
      "Neuron doesn't have enough stake to submit proposal.",
      "insufficient stake: the neuron cannot pay the proposal's reject cost (Neuron doesn't have enough stake to submit proposal.)",
    ],
    ['No neuron for given NeuronId: 00ff', 'neuron not found in SNS governance (No neuron for given NeuronId: 00ff)'],
    [
      '1 defects in Proposal:\nThere is no NervousSystemFunction with id: 1003',
      'unknown function: There is no NervousSystemFunction with id: 1003; register it first (npm run proposals -- register-functions)',
    ],
    ['No proposal for given ProposalId.', 'proposal not found in SNS governance (No proposal for given ProposalId.)'],
    [
      "Caller 'x' is not authorized to perform action",
      "the identity may not use this neuron: Caller 'x' is not authorized to perform action",
    ],
    ['Neuron already voted on proposal.', 'Neuron already voted on proposal.'],
  ])('%j', (message, expected) => {
    expect(governanceMessage(message)).toBe(expected);
    expect(toCliError(new SnsGovernanceError(message)).message).toBe(expected);
  });

  it('anything else keeps its message on one line', () => {
    const e = toCliError(new Error('a\n  b'));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toBe('a b');
  });
});
