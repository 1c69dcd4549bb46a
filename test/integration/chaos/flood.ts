/**
 * A flood: fresh identities, each firing all of its submissions at once over HTTP. What the queue answered is
 * tallied by kind, so the run can show which cap refused what.
 */
import type { QueueService } from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';

import { jobArgs } from './stream.ts';

export interface FloodResult {
  submitted: number;
  /** Accepted job ids per flooding principal. */
  accepted: Map<string, bigint[]>;
  refusedPerSubmitter: number;
  refusedTotalCap: number;
  /** Any other answer, verbatim (the audit expects none). */
  other: string[];
}

export async function flood(
  floodQueues: Array<{ principal: Principal; queue: QueueService }>,
  attempts: number,
): Promise<FloodResult> {
  const result: FloodResult = {
    submitted: 0,
    accepted: new Map(),
    refusedPerSubmitter: 0,
    refusedTotalCap: 0,
    other: [],
  };
  await Promise.all(
    floodQueues.flatMap(({ principal, queue }) => {
      const ids: bigint[] = [];
      result.accepted.set(principal.toText(), ids);
      return Array.from({ length: attempts }, async (_, i) => {
        result.submitted += 1;
        const answer = await queue.submit(jobArgs(`flood ${i}`));
        if ('Ok' in answer) return void ids.push(answer.Ok);
        const limit = 'LimitExceeded' in answer.Err ? answer.Err.LimitExceeded : '';
        if (/pending jobs/.test(limit)) result.refusedPerSubmitter += 1;
        else if (/the queue holds/.test(limit)) result.refusedTotalCap += 1;
        else result.other.push(JSON.stringify(answer.Err));
      });
    }),
  );
  return result;
}
