import { useState } from 'react';

import { Badge } from '../components/badge.tsx';
import { Pager, range } from '../components/pager.tsx';
import { PrincipalText } from '../components/principal.tsx';
import { Async, Empty } from '../components/states.tsx';
import { loadRegistry, REGISTRY_PAGE } from '../lib/services/registry.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { formatNanos } from '../lib/utils/format.utils.ts';
import { readable } from '../lib/utils/payload.utils.ts';

export function RegistryPage() {
  const { ctx, principal } = useSession();
  const you = (id: { toText: () => string }) =>
    id.toText() === principal && (
      <>
        {' '}
        <Badge tone="info">you</Badge>
      </>
    );
  const [at, setAt] = useState({ contributors: 0n, events: 0n });
  const loaded = useLoad(() => loadRegistry(ctx, at), [ctx, at], { refreshMs: 10_000 });
  const move = (list: keyof typeof at, by: bigint) => setAt((a) => ({ ...a, [list]: a[list] + by }));
  return (
    <>
      <h1>Registry</h1>
      <Async loaded={loaded} label="Loading the registry…">
        {({ nodeProviders, nodeProvidersTotal, contributors, contributorsTotal, events, eventsTotal }) => (
          <>
            <section aria-labelledby="np-title">
              <h2 id="np-title">Node providers ({nodeProvidersTotal.toString()})</h2>
              {BigInt(nodeProviders.length) < nodeProvidersTotal && (
                <p className="muted">The first {nodeProviders.length} are shown.</p>
              )}
              {nodeProviders.length === 0 ? (
                <Empty>No node providers.</Empty>
              ) : (
                <div className="table-wrap">
                  <table className="stack">
                    <thead>
                      <tr>
                        <th>Name</th>
                        <th>Principal</th>
                        <th>Status</th>
                        <th>Sponsored (active / suspended / removed)</th>
                      </tr>
                    </thead>
                    <tbody>
                      {nodeProviders.map((n) => (
                        <tr key={n.id.toText()}>
                          <td data-label="Name">
                            {n.display_name}
                            {you(n.id)}
                          </td>
                          <td data-label="Principal">
                            <PrincipalText value={n.id.toText()} copy />
                          </td>
                          <td data-label="Status">
                            <Badge tone={n.active ? 'good' : 'muted'}>{n.active ? 'active' : 'removed'}</Badge>
                          </td>
                          <td data-label="Sponsored (active / suspended / removed)">
                            {n.sponsored_active} / {n.sponsored_suspended} / {n.sponsored_removed}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section aria-labelledby="contributors-title">
              <h2 id="contributors-title">Contributors ({contributorsTotal.toString()})</h2>
              {contributors.length === 0 ? (
                <Empty>No contributors yet: they join through an adopted admission proposal.</Empty>
              ) : (
                <div className="table-wrap">
                  <table data-tid="contributors" className="stack">
                    <thead>
                      <tr>
                        <th>Name</th>
                        <th>Principal</th>
                        <th>Status</th>
                        <th>Sponsor</th>
                        <th>Admitted by</th>
                        <th>Models</th>
                        <th>Worker keys</th>
                      </tr>
                    </thead>
                    <tbody>
                      {contributors.map((c) => {
                        const status = Object.keys(c.status)[0]!;
                        return (
                          <tr key={c.id.toText()} data-tid={`contributor-${c.id.toText()}`}>
                            <td data-label="Name">
                              {c.display_name}
                              {you(c.id)}
                            </td>
                            <td data-label="Principal">
                              <PrincipalText value={c.id.toText()} copy />
                            </td>
                            <td data-label="Status">
                              <Badge tone={status === 'Active' ? 'good' : status === 'Suspended' ? 'warn' : 'muted'}>
                                {status}
                              </Badge>
                              {c.status_reason && <div className="muted">{c.status_reason}</div>}
                            </td>
                            <td data-label="Sponsor">
                              <PrincipalText value={c.sponsor.toText()} />
                            </td>
                            <td data-label="Admitted by">
                              <a href={href('proposals', c.proposal_id)}>proposal {c.proposal_id.toString()}</a>
                            </td>
                            <td data-label="Models">{c.models.join(', ')}</td>
                            <td data-label="Worker keys">
                              {c.worker_keys.length === 0
                                ? 'none'
                                : c.worker_keys.map((k) => (
                                    <div key={k.toText()}>
                                      <PrincipalText value={k.toText()} />
                                    </div>
                                  ))}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              {contributorsTotal > REGISTRY_PAGE && (
                <Pager
                  label={range(at.contributors, contributors.length, contributorsTotal)}
                  prev={at.contributors > 0n ? () => move('contributors', -REGISTRY_PAGE) : undefined}
                  next={
                    at.contributors + REGISTRY_PAGE < contributorsTotal
                      ? () => move('contributors', REGISTRY_PAGE)
                      : undefined
                  }
                  tid="contributors-pager"
                />
              )}
            </section>
            <section aria-labelledby="events-title">
              <h2 id="events-title">Membership events ({eventsTotal.toString()}), newest first</h2>
              {events.length === 0 ? (
                <Empty>No events yet.</Empty>
              ) : (
                <ol className="events" reversed start={Number(eventsTotal - at.events)}>
                  {events.map((e) => (
                    <li key={e.seq.toString()}>
                      <span className="muted">{formatNanos(e.time)}</span> <strong>{readable(e.kind)}</strong>{' '}
                      <PrincipalText value={e.subject.toText()} />
                      {e.proposal_id !== undefined && (
                        <>
                          {' '}
                          · <a href={href('proposals', e.proposal_id)}>proposal {e.proposal_id.toString()}</a>
                        </>
                      )}
                      {e.detail && <span className="muted"> · {e.detail}</span>}
                    </li>
                  ))}
                </ol>
              )}
              {eventsTotal > REGISTRY_PAGE && (
                <Pager
                  label={range(at.events, events.length, eventsTotal)}
                  prev={at.events > 0n ? () => move('events', -REGISTRY_PAGE) : undefined}
                  next={at.events + REGISTRY_PAGE < eventsTotal ? () => move('events', REGISTRY_PAGE) : undefined}
                  prevLabel="Newer"
                  nextLabel="Older"
                  tid="events-pager"
                />
              )}
            </section>
          </>
        )}
      </Async>
    </>
  );
}
