import { Badge, type Tone } from '../components/badge.tsx';
import { PrincipalText } from '../components/principal.tsx';
import { Async, Empty } from '../components/states.tsx';
import { loadWorkers } from '../lib/services/registry.services.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { ago, health, meanLatency, type Health } from '../lib/utils/health.utils.ts';

const TONE: Record<Health, Tone> = { online: 'good', stale: 'warn', offline: 'bad' };

export function WorkersPage() {
  const { ctx } = useSession();
  const loaded = useLoad(() => loadWorkers(ctx), [ctx], { refreshMs: 5_000 });
  return (
    <>
      <h1>Workers</h1>
      <p className="muted">Every worker's figures as the queue records them; refreshed every 5 s.</p>
      <Async loaded={loaded} label="Loading workers…">
        {({ workers, queued, models }) =>
          workers.length === 0 ? (
            <Empty>No workers yet: an admitted contributor binds a worker key and starts a worker.</Empty>
          ) : (
            <>
              <p data-tid="queued">
                <strong>{queued.toString()}</strong> job{queued === 1n ? '' : 's'} waiting for a worker (models{' '}
                {models.join(', ') || 'none'}).
              </p>
              <div className="table-wrap">
                <table data-tid="workers">
                  <thead>
                    <tr>
                      <th>Worker</th>
                      <th>Contributor</th>
                      <th>Health</th>
                      <th>Last heartbeat</th>
                      <th>Completed</th>
                      <th>Failed</th>
                      <th>Expired leases</th>
                      <th>Latency mean / max</th>
                      <th>In flight</th>
                      <th>Models</th>
                    </tr>
                  </thead>
                  <tbody>
                    {workers.map((w) => {
                      const h = health(w.last_heartbeat, Date.now());
                      const mean = meanLatency(w);
                      return (
                        <tr key={w.worker.toText()} data-tid={`worker-${w.worker.toText()}`}>
                          <td>
                            <PrincipalText value={w.worker.toText()} />
                            {w.version && <div className="muted">{w.version}</div>}
                          </td>
                          <td>
                            <PrincipalText value={w.contributor.toText()} />
                          </td>
                          <td>
                            <Badge tone={w.active ? TONE[h.health] : 'muted'}>{w.active ? h.health : 'inactive'}</Badge>
                          </td>
                          <td>{h.ageSeconds === undefined ? 'never' : ago(h.ageSeconds)}</td>
                          <td>{w.completed.toString()}</td>
                          <td>{w.failed.toString()}</td>
                          <td>{w.expired_leases.toString()}</td>
                          <td>{mean === undefined ? '—' : `${mean} ms / ${w.latency_ms_max} ms`}</td>
                          <td>{w.in_flight}</td>
                          <td>{w.models.join(', ')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Async>
    </>
  );
}
