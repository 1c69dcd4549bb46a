/**
 * When a proposal closes (its deadline after wait-for-quiet, with the time left ticking) or when it was
 * decided: one line for the list's cards and the detail page.
 */
import type { ProposalLike } from '../lib/utils/proposal.utils.ts';
import { deadlineOf } from '../lib/utils/proposal.utils.ts';
import { Countdown } from './countdown.tsx';

const at = (seconds: bigint) => new Date(Number(seconds) * 1000).toLocaleString();

export function Deadline({ p }: { p: ProposalLike }) {
  if (p.decided_timestamp_seconds === 0n) {
    const deadline = deadlineOf(p);
    return (
      <span data-tid="deadline">
        Closes {at(deadline)} (<Countdown deadlineSeconds={deadline} />)
      </span>
    );
  }
  return <span data-tid="decided">Decided {at(p.decided_timestamp_seconds)}</span>;
}
