/**
 * The signed-in user's own place in Gatehouse: a contributor sees their status, sponsor, admission, their
 * worker keys and each key's worker figures; a node provider, a worker key or a newcomer is told what they
 * can do. Refreshed with the workers' figures.
 */
import { loadMe, type Me } from '../lib/services/registry.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { Badge } from './badge.tsx';
import { PrincipalText } from './principal.tsx';
import { Async, Empty } from './states.tsx';
import { WorkersTable } from './workers-table.tsx';

const STATUS_TONE = { Active: 'good', Suspended: 'warn', Removed: 'muted' } as const;

function ContributorFacts({ me }: { me: Extract<Me, { role: 'Contributor' }> }) {
  const c = me.contributor;
  const status = Object.keys(c.status)[0] as keyof typeof STATUS_TONE;
  const running = new Set(me.workers.map((w) => w.worker.toText()));
  return (
    <>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-tid="you-status">
          <Badge tone={STATUS_TONE[status] ?? 'muted'}>{status}</Badge>
          {c.status_reason && <span className="muted"> {c.status_reason}</span>}
        </dd>
        <dt>Sponsor</dt>
        <dd>
          <PrincipalText value={c.sponsor.toText()} />
        </dd>
        <dt>Admitted by</dt>
        <dd>
          <a href={href('proposals', c.proposal_id)}>proposal {c.proposal_id.toString()}</a>
        </dd>
        <dt>Models</dt>
        <dd>{c.models.join(', ') || 'none'}</dd>
        <dt>Worker keys</dt>
        <dd data-tid="you-keys">
          {c.worker_keys.length === 0
            ? 'none bound yet: a worker offers its key, then you accept it (see the worker README)'
            : c.worker_keys.map((k) => (
                <div key={k.toText()}>
                  <PrincipalText value={k.toText()} copy />
                  {!running.has(k.toText()) && <span className="muted"> no worker has reported with it yet</span>}
                </div>
              ))}
        </dd>
      </dl>
      <h3>Your workers</h3>
      {me.workers.length === 0 ? (
        <Empty>None of your worker keys has a worker reporting to the queue yet.</Empty>
      ) : (
        <WorkersTable workers={me.workers} contributor={false} tid="you-workers" />
      )}
    </>
  );
}

function Role({ me, principal }: { me: Me | undefined; principal: string }) {
  switch (me?.role) {
    case 'Contributor':
      return <ContributorFacts me={me} />;
    case 'NodeProvider':
      return (
        <p>
          You are a node provider: you nominate contributors and sponsor them on the{' '}
          <a href={href('nominations')}>Nominations</a> page.
        </p>
      );
    case 'Worker':
      return (
        <p>
          This principal is a worker key of contributor <PrincipalText value={me.contributor.toText()} copy /> (
          {me.active ? 'active' : 'inactive'}).
        </p>
      );
    default:
      return (
        <p>
          You are not in the registry. To contribute a worker, give a node provider your principal{' '}
          <PrincipalText value={principal} copy /> to nominate you.
        </p>
      );
  }
}

export function YouPanel() {
  const { ctx, principal } = useSession();
  const loaded = useLoad(() => loadMe(ctx), [ctx], { refreshMs: 5_000 });
  return (
    <section className="card" aria-labelledby="you-title" data-tid="you">
      <h2 id="you-title">You</h2>
      <Async loaded={loaded} label="Loading your registry entry…">
        {(me) => <Role me={me} principal={principal ?? ''} />}
      </Async>
    </section>
  );
}
