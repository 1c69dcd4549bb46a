/** vote <proposal-id> yes|no: RegisterVote with the session's neuron. */
import { SnsVote, toHex } from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { proposalId } from './render.ts';

export function parseVote(text: string | undefined): SnsVote {
  if (text === 'yes' || text === 'y') return SnsVote.Yes;
  if (text === 'no' || text === 'n') return SnsVote.No;
  throw new CliError(`vote must be yes or no, got "${text ?? ''}"`);
}

export async function vote(session: Session, idText: string | undefined, voteText: string | undefined): Promise<void> {
  const id = proposalId(idText);
  const choice = parseVote(voteText);
  const neuron = await session.neuron();
  if (session.dryRun) {
    session.out(
      `dry run: would vote ${choice === SnsVote.Yes ? 'yes' : 'no'} on proposal ${id} with neuron ${toHex(neuron)}`,
    );
    return;
  }
  await (await session.sns()).registerVote({ neuronId: { id: neuron }, proposalId: { id }, vote: choice });
  session.out(`voted ${choice === SnsVote.Yes ? 'yes' : 'no'} on proposal ${id}`);
}
