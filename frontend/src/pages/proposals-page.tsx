import { functionById } from '@gatehouse/clients';
import { useState } from 'react';

import { Badge, type Tone } from '../components/badge.tsx';
import { Deadline } from '../components/deadline.tsx';
import { Async, Empty, ErrorNote, Loading } from '../components/states.tsx';
import type { ProposalData } from '../lib/api/governance.api.ts';
import {
  isOurs,
  loadProposals,
  MAX_SCANNED_PAGES,
  PAGE_SIZE,
  type ProposalFilters,
  type StatusFilter,
} from '../lib/services/proposals.services.ts';
import { errorMessage } from '../lib/services/errors.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import type { ProposalStatus } from '../lib/utils/pipeline.utils.ts';
import { proposalId, statusOf, tallyOf } from '../lib/utils/proposal.utils.ts';

export const STATUS_TONE: Record<ProposalStatus, Tone> = {
  Open: 'info',
  Adopted: 'good',
  Executed: 'good',
  Rejected: 'bad',
  Failed: 'bad',
};

function ProposalRow({ p }: { p: ProposalData }) {
  const id = proposalId(p);
  const status = statusOf(p);
  const fn = functionById(p.action);
  const t = tallyOf(p);
  const share = (v: bigint) => (t.total === 0n ? 0 : Number((v * 1000n) / t.total) / 10);
  return (
    <li className="card proposal-row" data-tid={`proposal-${id}`}>
      <a href={href('proposals', id)}>
        <span className="muted">#{id.toString()}</span> <strong>{p.proposal[0]?.title ?? '(no title)'}</strong>
      </a>
      <div className="row-meta">
        <Badge tone={STATUS_TONE[status]}>{status}</Badge>
        <span>{fn ? fn.name : `Function ${p.action}`}</span>
        <span>
          yes {share(t.yes)} % · no {share(t.no)} %
        </span>
        <Deadline p={p} />
      </div>
    </li>
  );
}

export function ProposalsPage({ query }: { query: URLSearchParams }) {
  const { ctx } = useSession();
  const [filters, setFilters] = useState<ProposalFilters>({
    status: (query.get('status') as StatusFilter | null) ?? 'all',
    oursOnly: true,
    needsMyVote: false,
  });
  // Pages after the first; `next` is theirs once one is loaded ("needs my vote" may leave a page empty).
  const [more, setMore] = useState<{
    items: ProposalData[];
    loaded: boolean;
    next?: bigint;
    loading: boolean;
    error?: string;
  }>({ items: [], loaded: false, loading: false });
  const first = useLoad(() => loadProposals(ctx, filters), [ctx, filters], { refreshMs: 15_000 });
  const next = more.loaded ? more.next : first.data?.next;
  const loadMore = () => {
    if (next === undefined) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    loadProposals(ctx, filters, next).then(
      (page) => setMore((m) => ({ items: [...m.items, ...page.items], loaded: true, next: page.next, loading: false })),
      (error: unknown) => setMore((m) => ({ ...m, loading: false, error: errorMessage(error) })),
    );
  };
  const set = (patch: Partial<ProposalFilters>) => {
    setMore({ items: [], loaded: false, loading: false });
    setFilters((f) => ({ ...f, ...patch }));
  };
  return (
    <>
      <h1>Proposals</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{' '}
          <select
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as StatusFilter })}
            data-tid="filter-status"
            disabled={filters.needsMyVote}
          >
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="adopted">Adopted</option>
            <option value="rejected">Rejected</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={filters.oursOnly} onChange={(e) => set({ oursOnly: e.target.checked })} />{' '}
          Gatehouse functions only
        </label>
        <label title={ctx.signedIn ? undefined : 'Sign in to see which proposals your neurons have not voted on'}>
          <input
            type="checkbox"
            checked={filters.needsMyVote}
            disabled={!ctx.signedIn}
            onChange={(e) => set({ needsMyVote: e.target.checked })}
            data-tid="filter-needs-my-vote"
          />{' '}
          Needs my vote
        </label>
      </form>
      <Async loaded={first} label="Loading proposals…">
        {(page) => {
          // The first page refreshes: a proposal it gained may already be among the older pages' first.
          const ids = new Set<bigint>();
          const items = [...page.items, ...more.items].filter((p) => !ids.has(proposalId(p)) && ids.add(proposalId(p)));
          return (
            <>
              {items.length > 0 ? (
                <ul className="list" data-tid="proposal-list">
                  {items.map((p) => (
                    <ProposalRow key={proposalId(p).toString()} p={p} />
                  ))}
                </ul>
              ) : (
                <Empty>
                  {!filters.needsMyVote
                    ? 'No proposals match. Node providers make them from the Nominations page.'
                    : next === undefined
                      ? 'Nothing needs your vote.'
                      : `Nothing needs your vote among the latest ${MAX_SCANNED_PAGES * PAGE_SIZE} open proposals; older ones may.`}
                </Empty>
              )}
              {!filters.oursOnly && items.some((p) => !isOurs(p)) && (
                <p className="muted">Proposals of other functions are shown by their SNS function id.</p>
              )}
              {more.error && <ErrorNote message={more.error} onRetry={loadMore} />}
              {more.loading ? (
                <Loading label="Loading more…" />
              ) : (
                next !== undefined && (
                  <button type="button" onClick={loadMore} data-tid="load-more">
                    {items.length > 0 ? 'Load more' : 'Look at older proposals'}
                  </button>
                )
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}
