/**
 * Workers' figures as the queue records them, one row each. Compact enough for 1280 px without sideways
 * scrolling (health and heartbeat age share a cell; latency and models wrap), one labelled card per row on a
 * phone (className "stack").
 */
import type { WorkerStats } from '@gatehouse/clients';

import { useNow } from '../lib/state/use-now.ts';
import { ago, health, latencySummary, type Health } from '../lib/utils/health.utils.ts';
import { Badge, type Tone } from './badge.tsx';
import { PrincipalText } from './principal.tsx';

const TONE: Record<Health, Tone> = { online: 'good', stale: 'warn', offline: 'bad' };

/** `contributor: false` leaves out the contributor column (a contributor's own workers). */
export function WorkersTable(props: { workers: readonly WorkerStats[]; contributor?: boolean; tid?: string }) {
  const withContributor = props.contributor ?? true;
  // The heartbeat ages tick between the queue's refreshes.
  const now = useNow();
  return (
    <div className="table-wrap">
      <table data-tid={props.tid ?? 'workers'} className="stack workers">
        <thead>
          <tr>
            <th>Worker</th>
            {withContributor && <th>Contributor</th>}
            <th>Health, last heartbeat</th>
            <th>Done</th>
            <th>Failed</th>
            <th>Expired leases</th>
            <th>Latency p50 / p95</th>
            <th>In flight</th>
            <th>Models</th>
          </tr>
        </thead>
        <tbody>
          {props.workers.map((w) => {
            const h = health(w.last_heartbeat, now);
            return (
              <tr key={w.worker.toText()} data-tid={`worker-${w.worker.toText()}`}>
                <td data-label="Worker">
                  {/* One block: on a phone the cell is a flex row of its label and this. */}
                  <div>
                    <PrincipalText value={w.worker.toText()} />
                    {w.version && <div className="muted">{w.version}</div>}
                  </div>
                </td>
                {withContributor && (
                  <td data-label="Contributor">
                    <PrincipalText value={w.contributor.toText()} />
                  </td>
                )}
                <td data-label="Health, last heartbeat">
                  <Badge tone={w.active ? TONE[h.health] : 'muted'}>{w.active ? h.health : 'inactive'}</Badge>
                  <div className="muted">{h.ageSeconds === undefined ? 'never' : ago(h.ageSeconds)}</div>
                </td>
                <td data-label="Done" data-tid="completed">
                  {w.completed.toString()}
                </td>
                <td data-label="Failed">{w.failed.toString()}</td>
                <td data-label="Expired leases">{w.expired_leases.toString()}</td>
                <td data-label="Latency p50 / p95" data-tid="latency" className="wrap">
                  {latencySummary(w)}
                </td>
                <td data-label="In flight">{w.in_flight}</td>
                <td data-label="Models">
                  {/* One model a line: a name never breaks at its hyphen. */}
                  <div>
                    {w.models.map((m) => (
                      <div key={m}>{m}</div>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
