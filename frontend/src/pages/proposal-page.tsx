import { sanitize } from '@gatehouse/clients';

import { AdmissionCard } from '../components/admission-card.tsx';
import { Badge } from '../components/badge.tsx';
import { Ballots } from '../components/ballots.tsx';
import { Deadline } from '../components/deadline.tsx';
import { Markdown } from '../components/markdown.tsx';
import { Async } from '../components/states.tsx';
import { TallyBar } from '../components/tally-bar.tsx';
import { ValidatorRendering } from '../components/validator-rendering.tsx';
import { VotePanel } from '../components/vote-panel.tsx';
import { canisterNames } from '../lib/config.ts';
import { loadProposal, type ProposalDetail } from '../lib/services/proposals.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { statusOf, tallyOf } from '../lib/utils/proposal.utils.ts';
import { thresholdsOf } from '../lib/utils/tally.utils.ts';
import { STATUS_TONE } from './proposals-page.tsx';

function PayloadCard({ detail }: { detail: ProposalDetail }) {
  const r = detail.payload;
  if (!r) return null;
  if (r.kind === 'foreign') return null;
  if (r.kind === 'undecodable')
    return (
      <section className="card" role="alert">
        <h2>{r.fn.name}</h2>
        <p>The payload does not decode as this function's argument: {r.error}</p>
      </section>
    );
  if (detail.nomination) return <AdmissionCard nomination={detail.nomination} />;
  return (
    <section className="card" data-tid="payload-card">
      <h2>{r.decoded.fn.name}</h2>
      <p className="muted">{r.decoded.fn.description}</p>
      <dl className="facts">
        {r.decoded.fields.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{sanitize(f.text)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ProposalPage({ id }: { id: bigint }) {
  const session = useSession();
  const loaded = useLoad(() => loadProposal(session.ctx, id), [session.ctx, id], { refreshMs: 10_000 });
  const names = canisterNames(session.ctx.config);
  return (
    <>
      <p>
        <a href={href('proposals')}>← All proposals</a>
      </p>
      <Async loaded={loaded} label={`Loading proposal ${id}…`}>
        {(detail) => {
          const p = detail.proposal;
          const status = statusOf(p);
          const open = status === 'Open';
          const rendering = p.payload_text_rendering[0];
          return (
            <article className="proposal" data-tid="proposal-detail">
              <h1>
                <span className="muted">#{id.toString()}</span> {sanitize(p.proposal[0]?.title ?? '(no title)')}
              </h1>
              <div className="row-meta">
                <Badge tone={STATUS_TONE[status]}>{status}</Badge>
                <Deadline p={p} />
                {p.failure_reason[0] && <span className="error">Failed: {p.failure_reason[0].error_message}</span>}
              </div>
              <TallyBar tally={tallyOf(p)} thresholds={thresholdsOf(p)} open={open} />
              <div className="columns">
                <div>
                  <PayloadCard detail={detail} />
                  {rendering && <ValidatorRendering text={rendering} names={names} />}
                  <section className="card" aria-labelledby="summary-title">
                    <h2 id="summary-title">Summary</h2>
                    <Markdown text={p.proposal[0]?.summary ?? ''} />
                  </section>
                </div>
                <VotePanel
                  key={`${id}-${detail.eligibility.map((e) => e.kind).join()}`}
                  ctx={session.ctx}
                  proposalId={id}
                  open={open}
                  eligibility={detail.eligibility}
                  onVoted={loaded.reload}
                  onSignIn={session.signIn}
                />
              </div>
              <Ballots ballots={p.ballots} mine={detail.eligibility.map((e) => e.neuron.idHex)} />
            </article>
          );
        }}
      </Async>
    </>
  );
}
