/**
 * When a proposal closes (its deadline after wait-for-quiet, with the time left ticking) or when it was
 * decided: one line for the list's cards and the detail page.
 */
import type { ProposalLike } from '../lib/utils/proposal.utils.ts';
import { formatSeconds } from '../lib/utils/format.utils.ts';
import { deadlineOf } from '../lib/utils/proposal.utils.ts';
import { Countdown } from './countdown.tsx';

export function Deadline({ p }: { p: ProposalLike }) {
  if (p.decided_timestamp_seconds === 0n) {
    const deadline = deadlineOf(p);
    return (
      <span data-tid="deadline">
        Closes {formatSeconds(deadline)} (<Countdown deadlineSeconds={deadline} />)
      </span>
    );
  }
  return <span data-tid="decided">Decided {formatSeconds(p.decided_timestamp_seconds)}</span>;
}
