/** list: recent proposals, newest first, with status, tally and the decoded payload. */
import type { SnsGovernanceDid } from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { STATUS_NAMES } from '../status.ts';
import { proposalLines } from './render.ts';

export async function list(
  session: Session,
  o: { limit: number; status?: string },
): Promise<SnsGovernanceDid.ProposalData[]> {
  const status = o.status === undefined ? undefined : STATUS_NAMES[o.status];
  if (o.status !== undefined && status === undefined)
    throw new CliError(`--status must be one of ${Object.keys(STATUS_NAMES).join(', ')}`);
  const { proposals } = await (
    await session.sns()
  ).listProposals({ certified: false, limit: o.limit, ...(status === undefined ? {} : { includeStatus: [status] }) });
  if (proposals.length === 0) session.out('no proposals');
  for (const p of proposals) for (const line of proposalLines(p)) session.out(line);
  return proposals;
}
