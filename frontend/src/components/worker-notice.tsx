/**
 * Said wherever jobs are submitted or watched while no worker can take them: nothing is broken, the jobs wait
 * queued. Just after a local start the demo worker is still loading its model, which takes about half a minute.
 */
export function NoWorkerNotice({ local, queued }: { local: boolean; queued?: bigint }) {
  return (
    <div className="card notice" role="status" data-tid="no-worker-online">
      <strong>No worker is online yet.</strong> Jobs wait in the queue until one is, then run in order
      {queued !== undefined && queued > 0n ? ` (${queued} waiting now)` : ''}.
      {local && (
        <p className="muted">
          After <code>npm start</code> the demo worker loads its model for 25–40 s before it comes online; this page
          updates by itself.
        </p>
      )}
    </div>
  );
}
