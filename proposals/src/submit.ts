import { makeProposalRequest, proposalIdOf, type ProposalText, type SnsGovernanceDid } from '@gatehouse/clients';

import { printDryRun } from './dry-run.ts';
import type { Session } from './session.ts';

/** Makes the proposal with the session's neuron; on --dry-run prints it instead and returns undefined. */
export async function submitProposal(
  session: Session,
  text: ProposalText,
  action: SnsGovernanceDid.Action,
): Promise<bigint | undefined> {
  const request = makeProposalRequest(await session.neuron(), text, action);
  if (session.dryRun) {
    printDryRun(session.out, request);
    return undefined;
  }
  return proposalIdOf(await (await session.sns()).manageNeuron(request));
}
