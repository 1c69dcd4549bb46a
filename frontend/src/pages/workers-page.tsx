import { Badge, type Tone } from '../components/badge.tsx';
import { PrincipalText } from '../components/principal.tsx';
import { Async, Empty } from '../components/states.tsx';
import { NoWorkerNotice } from '../components/worker-notice.tsx';
import { loadWorkers } from '../lib/services/registry.services.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { ago, health, latencySummary, type Health } from '../lib/utils/health.utils.ts';

const TONE: Record<Health, Tone> = { online: 'good', stale: 'warn', offline: 'bad' };

export function WorkersPage() {
  const { ctx } = useSession();
  const loaded = useLoad(() => loadWorkers(ctx), [ctx], { refreshMs: 5_000 });
  return (
    <>
      <h1>Workers</h1>
      <p className="muted">Every worker's figures as the queue records them; refreshed every 5 s.</p>
      <Async loaded={loaded} label="Loading workers…">
        {({ workers, online, queued, models }) => (
          <>
            {online === 0 && <NoWorkerNotice local={ctx.config.network === 'local'} queued={queued} />}
            <p data-tid="queued">
              <strong>{queued.toString()}</strong> job{queued === 1n ? '' : 's'} waiting for a worker (models{' '}
              {models.join(', ') || 'none'}).
            </p>
            {workers.length === 0 ? (
              <Empty>
                No worker has registered yet: an admitted contributor binds a worker key and starts a worker.
              </Empty>
            ) : (
              <div className="table-wrap">
                <table data-tid="workers" className="stack">
                  <thead>
                    <tr>
                      <th>Worker</th>
                      <th>Contributor</th>
                      <th>Health</th>
                      <th>Last heartbeat</th>
                      <th>Completed</th>
                      <th>Failed</th>
                      <th>Expired leases</th>
                      <th>Latency p50 / p95 (max)</th>
                      <th>In flight</th>
                      <th>Models</th>
                    </tr>
                  </thead>
                  <tbody>
                    {workers.map((w) => {
                      const h = health(w.last_heartbeat, Date.now());
                      return (
                        <tr key={w.worker.toText()} data-tid={`worker-${w.worker.toText()}`}>
                          <td data-label="Worker">
                            <PrincipalText value={w.worker.toText()} />
                            {w.version && <div className="muted">{w.version}</div>}
                          </td>
                          <td data-label="Contributor">
                            <PrincipalText value={w.contributor.toText()} />
                          </td>
                          <td data-label="Health">
                            <Badge tone={w.active ? TONE[h.health] : 'muted'}>{w.active ? h.health : 'inactive'}</Badge>
                          </td>
                          <td data-label="Last heartbeat">
                            {h.ageSeconds === undefined ? 'never' : ago(h.ageSeconds)}
                          </td>
                          <td data-label="Completed">{w.completed.toString()}</td>
                          <td data-label="Failed">{w.failed.toString()}</td>
                          <td data-label="Expired leases">{w.expired_leases.toString()}</td>
                          <td data-label="Latency p50 / p95 (max)" data-tid="latency">
                            {latencySummary(w)}
                          </td>
                          <td data-label="In flight">{w.in_flight}</td>
                          <td data-label="Models">{w.models.join(', ')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Async>
    </>
  );
}
