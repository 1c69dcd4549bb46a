/**
 * Every ballot of a proposal: yes / no / not yet voted with their counts and voting power, and the list a page
 * at a time (filterable by vote), the user's own neurons first and marked. Neuron ids are shortened, whole in
 * their title and copyable.
 */
import { useMemo, useState } from 'react';

import { ballotRows, pageOf, summarize, type BallotLike, type BallotVote } from '../lib/utils/ballots.utils.ts';
import { formatSeconds } from '../lib/utils/format.utils.ts';
import { formatPower } from '../lib/utils/tally.utils.ts';
import { Badge, type Tone } from './badge.tsx';
import { Pager } from './pager.tsx';
import { PrincipalText } from './principal.tsx';
import { Empty } from './states.tsx';

export const BALLOTS_PAGE = 25;
const LABEL: Record<BallotVote, string> = { yes: 'Yes', no: 'No', none: 'Not yet voted' };
const TONE: Record<BallotVote, Tone> = { yes: 'good', no: 'bad', none: 'muted' };

/** `mine`: the signed-in user's neuron ids (hex), empty when signed out. */
export function Ballots({ ballots, mine }: { ballots: ReadonlyArray<[string, BallotLike]>; mine: readonly string[] }) {
  // Keyed by the ids' text: the page rebuilds `mine` on every refresh, the rows need sorting only when it changes.
  const mineKey = mine.join(',');
  const rows = useMemo(() => ballotRows(ballots, new Set(mineKey.split(','))), [ballots, mineKey]);
  const summary = useMemo(() => summarize(rows), [rows]);
  const [filter, setFilter] = useState<BallotVote | 'all'>('all');
  const [index, setIndex] = useState(0);
  const shown = filter === 'all' ? rows : rows.filter((r) => r.vote === filter);
  const page = pageOf(shown, index, BALLOTS_PAGE);

  return (
    <section className="card" aria-labelledby="ballots-title" data-tid="ballots">
      <h2 id="ballots-title">Ballots ({rows.length})</h2>
      <ul className="ballot-summary" data-tid="ballot-summary">
        {(['yes', 'no', 'none'] as const).map((v) => (
          <li key={v} data-tid={`ballots-${v}`}>
            <Badge tone={TONE[v]}>{LABEL[v]}</Badge> {summary[v].count} neuron{summary[v].count === 1 ? '' : 's'} ·{' '}
            {formatPower(summary[v].power)} voting power
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <Empty>No ballots: no neuron could vote when the proposal was made.</Empty>
      ) : (
        <>
          <label className="inline">
            Show{' '}
            <select
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value as BallotVote | 'all');
                setIndex(0);
              }}
              data-tid="ballots-filter"
            >
              <option value="all">all ballots</option>
              <option value="yes">yes votes</option>
              <option value="no">no votes</option>
              <option value="none">not yet voted</option>
            </select>
          </label>
          {page.items.length === 0 ? (
            <Empty>No ballot of this kind.</Empty>
          ) : (
            <table className="stack ballots" data-tid="ballot-list">
              <thead>
                <tr>
                  <th>Neuron</th>
                  <th>Vote</th>
                  <th>Voting power</th>
                  <th>Cast</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.neuron} data-tid={`ballot-${r.neuron}`} className={r.mine ? 'mine' : undefined}>
                    <td data-label="Neuron">
                      <PrincipalText value={r.neuron} copy /> {r.mine && <Badge tone="info">yours</Badge>}
                    </td>
                    <td data-label="Vote">
                      <Badge tone={TONE[r.vote]}>{r.vote === 'none' ? 'not yet' : r.vote}</Badge>
                    </td>
                    <td data-label="Voting power">{formatPower(r.votingPower)}</td>
                    <td data-label="Cast">{r.castSeconds === undefined ? '—' : formatSeconds(r.castSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page.pages > 1 && (
            <Pager
              label={`page ${page.index + 1} of ${page.pages}`}
              prev={page.index > 0 ? () => setIndex(page.index - 1) : undefined}
              next={page.index + 1 < page.pages ? () => setIndex(page.index + 1) : undefined}
            />
          )}
        </>
      )}
    </section>
  );
}
