import type { Nomination } from '@gatehouse/clients';
import { useState } from 'react';

import { NominationCard } from '../components/nomination-card.tsx';
import { NominationForm } from '../components/nomination-form.tsx';
import { Pager, range } from '../components/pager.tsx';
import { Async, Empty, ErrorNote } from '../components/states.tsx';
import { errorMessage } from '../lib/services/errors.services.ts';
import {
  loadNomination,
  loadNominationRules,
  loadNominations,
  nominateAndPropose,
  NOMINATIONS_PAGE,
  proposeExisting,
  withdraw,
  type NominationStep,
} from '../lib/services/nominations.services.ts';
import { loadMe } from '../lib/services/registry.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import type { NominationInput } from '../lib/utils/validation.utils.ts';

/** What an action reports: a sentence, and the proposal it made if any. */
type Done = { text: string; proposal?: bigint };

const STEP_TEXT: Record<NominationStep, string> = {
  nominating: 'Creating the nomination…',
  proposing: 'Submitting the admission proposal with your neuron…',
  linking: 'Linking the proposal to the nomination…',
  done: 'Done.',
};

/** `focus`: a nomination shown on its own above the list (#/nominations/7, where an admission proposal links). */
export function NominationsPage({ focus }: { focus?: bigint }) {
  const session = useSession();
  const { ctx } = session;
  const [page, setPage] = useState(0n);
  const [formKey, setFormKey] = useState(0);
  const [action, setAction] = useState<{ step?: NominationStep; error?: string; result?: Done; busy: boolean }>({
    busy: false,
  });
  const list = useLoad(() => loadNominations(ctx, page), [ctx, page], { refreshMs: 10_000 });
  // null, not undefined, for "no such nomination": undefined is what Async shows as still loading.
  const focused = useLoad(
    async () => (focus === undefined ? null : ((await loadNomination(ctx, focus)) ?? null)),
    [ctx, focus],
    { refreshMs: focus === undefined ? undefined : 10_000 },
  );
  const me = useLoad(() => loadMe(ctx), [ctx]);
  const role = me.data?.role;
  const isNodeProvider = role === 'NodeProvider';
  // Served models and limits for the form; until they load (or if they cannot) it checks the canister's defaults.
  const rules = useLoad(async () => (isNodeProvider ? loadNominationRules(ctx) : undefined), [ctx, isNodeProvider]);

  /** `toNewest`: a new nomination shows at the top of page 0, where the list then goes; the form empties. */
  const run = (what: (step: (s: NominationStep) => void) => Promise<Done>, toNewest = false) => {
    setAction({ busy: true });
    what((step) => setAction({ busy: true, step })).then(
      (result) => {
        setAction({ busy: false, result });
        if (toNewest) setFormKey((k) => k + 1);
        if (focus !== undefined) focused.reload();
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
      return { text: `Nomination ${nomination.id} is proposal ${proposalId}.`, proposal: proposalId };
    }, true);
  const propose = (n: Nomination) =>
    run(async (step) => {
      const proposalId = await proposeExisting(ctx, n, step);
      return { text: `Nomination ${n.id} is proposal ${proposalId}.`, proposal: proposalId };
    });
  const withdrawOne = (n: Nomination) =>
    run(async () => {
      await withdraw(ctx, n.id);
      return { text: `Nomination ${n.id} withdrawn.` };
    });

  const first = page * NOMINATIONS_PAGE;
  const cardProps = { principal: session.principal, busy: action.busy, onPropose: propose, onWithdraw: withdrawOne };

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
      {isNodeProvider && (
        <NominationForm
          key={formKey}
          self={session.principal}
          busy={action.busy}
          rules={rules.data}
          onSubmit={nominate}
        />
      )}
      {action.step && action.busy && (
        <p role="status" className="state" data-tid="nominate-step">
          {STEP_TEXT[action.step]}
        </p>
      )}
      {action.error && <ErrorNote message={action.error} />}
      {action.result && (
        <p role="status" className="banner good">
          <span data-tid="nominate-result">{action.result.text}</span>
          {action.result.proposal !== undefined && (
            <>
              {' '}
              <a href={href('proposals', action.result.proposal)}>Open the proposal →</a>
            </>
          )}
        </p>
      )}
      {focus !== undefined && (
        <section aria-labelledby="focus-title">
          <h2 id="focus-title">Nomination #{focus.toString()}</h2>
          <Async loaded={focused} label={`Loading nomination ${focus}…`}>
            {(row) =>
              row ? (
                <ul className="list">
                  <NominationCard row={row} {...cardProps} />
                </ul>
              ) : (
                <Empty>There is no nomination #{focus.toString()}.</Empty>
              )
            }
          </Async>
        </section>
      )}
      <h2>All nominations, newest first</h2>
      <Async loaded={list} label="Loading nominations…">
        {({ rows, total }) =>
          rows.length === 0 ? (
            <Empty>No nominations yet.</Empty>
          ) : (
            <>
              <ul className="list" data-tid="nomination-list">
                {rows.map((row) => (
                  <NominationCard key={row.nomination.id.toString()} row={row} {...cardProps} />
                ))}
              </ul>
              <Pager
                label={<span data-tid="nominations-range">{range(first, rows.length, total)}</span>}
                prev={page > 0n ? () => setPage(page - 1n) : undefined}
                next={first + NOMINATIONS_PAGE < total ? () => setPage(page + 1n) : undefined}
                prevLabel="Newer"
                nextLabel="Older"
              />
            </>
          )
        }
      </Async>
    </>
  );
}
