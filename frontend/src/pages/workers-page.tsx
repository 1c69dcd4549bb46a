import { Async, Empty } from '../components/states.tsx';
import { NoWorkerNotice } from '../components/worker-notice.tsx';
import { WorkersTable } from '../components/workers-table.tsx';
import { YouPanel } from '../components/you-panel.tsx';
import { loadWorkers } from '../lib/services/registry.services.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';

export function WorkersPage() {
  const { ctx } = useSession();
  const loaded = useLoad(() => loadWorkers(ctx), [ctx], { refreshMs: 5_000 });
  return (
    <>
      <h1>Workers</h1>
      {ctx.signedIn && <YouPanel />}
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
              <WorkersTable workers={workers} />
            )}
          </>
        )}
      </Async>
    </>
  );
}
