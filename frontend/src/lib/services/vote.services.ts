/**
 * One action votes with every selected neuron: one registerVote per neuron, in turn, each reported as it
 * ends; a neuron that already voted counts as done (a second tab, a follower or a retry voted first).
 */
import { registerVote } from '../api/governance.api.ts';
import { errorMessage } from './errors.services.ts';
import type { Ctx } from './context.ts';

export type NeuronVoteState =
  { state: 'waiting' } | { state: 'voting' } | { state: 'done' } | { state: 'failed'; message: string };

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));

export async function voteWithNeurons(
  ctx: Ctx,
  o: { proposalId: bigint; neurons: string[]; yes: boolean },
  progress: (neuron: string, state: NeuronVoteState) => void,
): Promise<{ failed: number }> {
  let failed = 0;
  for (const neuron of o.neurons) progress(neuron, { state: 'waiting' });
  for (const neuron of o.neurons) {
    progress(neuron, { state: 'voting' });
    try {
      await registerVote(ctx.config, ctx.identity, { neuronId: fromHex(neuron), proposalId: o.proposalId, yes: o.yes });
      progress(neuron, { state: 'done' });
    } catch (error) {
      const message = errorMessage(error);
      if (/already voted/i.test(message)) progress(neuron, { state: 'done' });
      else {
        failed += 1;
        progress(neuron, { state: 'failed', message });
      }
    }
  }
  return { failed };
}
