import type { ProposalFilter } from './domain/queries.ts';
import { topicFromCandid } from './function.converters.ts';
import type { ListProposals } from './interface.ts';

export function filterFromCandid(r: ListProposals): ProposalFilter {
  const topics = r.include_topics[0];
  return {
    limit: r.limit,
    ...(r.before_proposal[0] === undefined ? {} : { before_proposal: r.before_proposal[0].id }),
    exclude_type: Array.from(r.exclude_type),
    include_status: Array.from(r.include_status),
    include_reward_status: Array.from(r.include_reward_status),
    ...(topics === undefined
      ? {}
      : { include_topics: topics.map((s) => (s.topic[0] === undefined ? undefined : topicFromCandid(s.topic[0]))) }),
  };
}
