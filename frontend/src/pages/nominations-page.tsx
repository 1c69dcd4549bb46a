import type { Nomination } from '@gatehouse/clients';
import { useState } from 'react';

import { Badge } from '../components/badge.tsx';
import { NominationForm } from '../components/nomination-form.tsx';
import { PipelineSteps } from '../components/pipeline-steps.tsx';
import { PrincipalText } from '../components/principal.tsx';
import { Async, Empty, ErrorNote } from '../components/states.tsx';
import { errorMessage } from '../lib/services/errors.services.ts';
import {
  loadNominations,
  nominateAndPropose,
  NOMINATIONS_PAGE,
  proposeExisting,
  statusName,
  withdraw,
  type NominationStep,
} from '../lib/services/nominations.services.ts';
import { loadMe } from '../lib/services/registry.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import type { NominationInput } from '../lib/utils/validation.utils.ts';

const STEP_TEXT: Record<NominationStep, string> = {
  nominating: 'Creating the nomination…',
  proposing: 'Submitting the admission proposal with your neuron…',
  linking: 'Linking the proposal to the nomination…',
  done: 'Done.',
};

export function NominationsPage() {
  const session = useSession();
  const { ctx } = session;
  const [page, setPage] = useState(0n);
  const [action, setAction] = useState<{ step?: NominationStep; error?: string; result?: string; busy: boolean }>({
    busy: false,
  });
  const list = useLoad(() => loadNominations(ctx, page), [ctx, page], { refreshMs: 10_000 });
  const me = useLoad(() => loadMe(ctx), [ctx]);
  const role = me.data?.role;
  const isNodeProvider = role === 'NodeProvider';

  /** `toNewest`: a new nomination shows at the top of page 0, where the list then goes. */
  const run = (what: (step: (s: NominationStep) => void) => Promise<string>, toNewest = false) => {
    setAction({ busy: true });
    what((step) => setAction({ busy: true, step })).then(
      (result) => {
        setAction({ busy: false, result });
        // A page change loads the list by itself.
        if (!toNewest || page === 0n) list.reload();
        else setPage(0n);
      },
      (error: unknown) => {
        setAction({ busy: false, error: errorMessage(error) });
        list.reload();
      },
    );
  };
  const nominate = (input: NominationInput) =>
    run(async (step) => {
      const { nomination, proposalId } = await nominateAndPropose(ctx, input, step);
      return `Nomination ${nomination.id} is proposal ${proposalId}.`;
    }, true);
  const propose = (n: Nomination) =>
    run(async (step) => `Nomination ${n.id} is proposal ${await proposeExisting(ctx, n, step)}.`);
  const withdrawOne = (n: Nomination) =>
    run(async () => {
      await withdraw(ctx, n.id);
      return `Nomination ${n.id} withdrawn.`;
    });

  const first = page * NOMINATIONS_PAGE;

  return (
    <>
      <h1>Nominations</h1>
      {!ctx.signedIn && (
        <p className="muted">
          Node providers nominate contributors here.{' '}
          <button type="button" className="link" onClick={session.signIn}>
            Sign in
          </button>{' '}
          to nominate; everyone can follow the nominations below.
        </p>
      )}
      {ctx.signedIn && role !== undefined && !isNodeProvider && (
        <p className="muted" data-tid="not-node-provider">
          Only node providers can nominate. You are signed in as{' '}
          {role === 'None'
            ? 'a visitor. Share your principal with a node provider to be nominated.'
            : `a ${role.toLowerCase()}.`}
        </p>
      )}
      {isNodeProvider && <NominationForm self={session.principal} busy={action.busy} onSubmit={nominate} />}
      {action.step && action.busy && (
        <p role="status" className="state" data-tid="nominate-step">
          {STEP_TEXT[action.step]}
        </p>
      )}
      {action.error && <ErrorNote message={action.error} />}
      {action.result && (
        <p role="status" className="banner good" data-tid="nominate-result">
          {action.result}
        </p>
      )}
      <h2>All nominations, newest first</h2>
      <Async loaded={list} label="Loading nominations…">
        {({ rows, total }) =>
          rows.length === 0 ? (
            <Empty>No nominations yet.</Empty>
          ) : (
            <>
              <ul className="list" data-tid="nomination-list">
                {rows.map(({ nomination: n, pipeline }) => {
                  const mine = n.nominator.toText() === session.principal;
                  const open = statusName(n) === 'Open';
                  return (
                    <li key={n.id.toString()} className="card" data-tid={`nomination-${n.id}`}>
                      <div className="row-head">
                        <strong>
                          #{n.id.toString()} {n.display_name}
                        </strong>
                        <Badge tone={open ? 'info' : statusName(n) === 'Admitted' ? 'good' : 'muted'}>
                          {statusName(n)}
                        </Badge>
                      </div>
                      <div className="row-meta">
                        <span>
                          candidate <PrincipalText value={n.candidate.toText()} />
                        </span>
                        <span>
                          by <PrincipalText value={n.nominator.toText()} />
                        </span>
                        <span>models {n.models.join(', ')}</span>
                        {n.proposal_id !== undefined && (
                          <a href={href('proposals', n.proposal_id)}>proposal {n.proposal_id.toString()}</a>
                        )}
                        {open && <span>expires {new Date(Number(n.expires_at / 1_000_000n)).toLocaleString()}</span>}
                      </div>
                      <PipelineSteps view={pipeline} />
                      {mine && open && (
                        <div className="actions">
                          {n.proposal_id === undefined && (
                            <button type="button" disabled={action.busy} onClick={() => propose(n)}>
                              Submit proposal
                            </button>
                          )}
                          <button
                            type="button"
                            className="secondary"
                            disabled={action.busy}
                            onClick={() => withdrawOne(n)}
                            data-tid="withdraw"
                          >
                            Withdraw
                          </button>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
              <div className="pager">
                <button type="button" disabled={page === 0n} onClick={() => setPage(page - 1n)}>
                  Newer
                </button>
                <span data-tid="nominations-range">
                  {(first + 1n).toString()}–{(first + BigInt(rows.length)).toString()} of {total.toString()}
                </span>
                <button type="button" disabled={first + NOMINATIONS_PAGE >= total} onClick={() => setPage(page + 1n)}>
                  Older
                </button>
              </div>
            </>
          )
        }
      </Async>
    </>
  );
}
