/**
 * Submit a chat job and watch it move Queued → Leased → Completed, with the time each state was first seen;
 * the user's jobs in this browser below, each cancellable until it ends. Or send the chat through the llm
 * canister (`?via=llm`), as a canister would. Both say so plainly while no worker is online.
 */
import type { Job } from '@gatehouse/clients';
import { useEffect, useMemo, useState, type FormEvent } from 'react';

import { Badge, type Tone } from '../components/badge.tsx';
import { LlmChat } from '../components/llm-chat.tsx';
import { MessageField } from '../components/message-field.tsx';
import { Async, Empty, ErrorNote } from '../components/states.tsx';
import { NoWorkerNotice } from '../components/worker-notice.tsx';
import { errorMessage } from '../lib/services/errors.services.ts';
import {
  cancelJob,
  getJob,
  isFinal,
  jobStatus,
  models,
  rememberedJobs,
  submitChat,
} from '../lib/services/jobs.services.ts';
import { loadWorkers } from '../lib/services/registry.services.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';

const TONE: Record<string, Tone> = {
  Queued: 'info',
  Leased: 'warn',
  Completed: 'good',
  Failed: 'bad',
  Cancelled: 'muted',
  Expired: 'muted',
};

function JobCard({ id, seen }: { id: bigint; seen?: Map<string, number> }) {
  const { ctx } = useSession();
  const [final, setFinal] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const loaded = useLoad(
    () =>
      getJob(ctx, id).then((job) => {
        if (isFinal(job)) setFinal(true);
        return job;
      }),
    [ctx, id],
    { refreshMs: final ? undefined : 1_000 },
  );
  const cancel = () => {
    setCancelling(true);
    setCancelError(undefined);
    cancelJob(ctx, id)
      .then(loaded.reload, (error: unknown) => setCancelError(errorMessage(error)))
      .finally(() => setCancelling(false));
  };
  return (
    <li className="card" data-tid={`job-${id}`}>
      <Async loaded={loaded} label={`Loading job ${id}…`}>
        {(j: Job) => {
          const status = jobStatus(j);
          const s = j.status as Record<string, unknown>;
          const done = s.Completed as
            { output: string; tokens_in: number; tokens_out: number; completed_at: bigint } | undefined;
          const failed = s.Failed as { reason: string; attempts: number } | undefined;
          const start = Number(j.created_at / 1_000_000n);
          return (
            <>
              <div className="row-head">
                <strong>Job #{id.toString()}</strong> <Badge tone={TONE[status] ?? 'muted'}>{status}</Badge>{' '}
                <span className="muted">{j.model}</span>
              </div>
              {seen && (
                <ol className="timeline" aria-label="Status history">
                  {[...seen.entries()].map(([k, t]) => (
                    <li key={k}>
                      {k} <span className="muted">+{((t - start) / 1000).toFixed(1)} s</span>
                    </li>
                  ))}
                </ol>
              )}
              {done && (
                <>
                  <pre className="output" data-tid="job-output">
                    {done.output || '(empty output)'}
                  </pre>
                  <p className="muted">
                    {done.tokens_in} tokens in, {done.tokens_out} out · served in{' '}
                    {((Number(done.completed_at / 1_000_000n) - start) / 1000).toFixed(1)} s
                  </p>
                </>
              )}
              {failed && (
                <p className="error">
                  Failed after {failed.attempts} attempt(s): {failed.reason}
                </p>
              )}
              {/* The queue cancels a job until it ends, a leased one too (its worker's result is then refused). */}
              {!isFinal(j) && (
                <button
                  type="button"
                  className="secondary"
                  onClick={cancel}
                  disabled={cancelling}
                  data-tid="job-cancel"
                >
                  {cancelling ? 'Cancelling…' : 'Cancel'}
                </button>
              )}
              {cancelError && <ErrorNote message={cancelError} />}
            </>
          );
        }}
      </Async>
    </li>
  );
}

/** Follows a fresh job to record when each status was first seen. */
function useStatusTimeline(id: bigint | undefined) {
  const { ctx } = useSession();
  const [seen, setSeen] = useState<Map<string, number>>(new Map());
  useEffect(() => {
    if (id === undefined) return;
    let stopped = false;
    const tick = async () => {
      while (!stopped) {
        try {
          const job = await getJob(ctx, id);
          const status = jobStatus(job);
          setSeen((m) => (m.has(status) ? m : new Map(m).set(status, Date.now())));
          if (isFinal(job)) return;
        } catch {
          // the card shows the error; keep following
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [ctx, id]);
  return seen;
}

type Via = 'queue' | 'llm';

export function PlaygroundPage({ query }: { query: URLSearchParams }) {
  const session = useSession();
  const { ctx } = session;
  const [via, setVia] = useState<Via>(query.get('via') === 'llm' ? 'llm' : 'queue');
  const workers = useLoad(() => loadWorkers(ctx), [ctx], { refreshMs: 5_000 });

  return (
    <>
      <h1>Playground</h1>
      {!ctx.signedIn && (
        <p className="muted">
          Chats are sent as you;{' '}
          <button type="button" className="link" onClick={session.signIn}>
            sign in
          </button>{' '}
          to send one (anonymous callers cannot).
        </p>
      )}
      {workers.data?.online === 0 && (
        <NoWorkerNotice local={ctx.config.network === 'local'} queued={workers.data.queued} />
      )}
      <fieldset className="via" data-tid="via">
        <legend>Send through</legend>
        <label>
          <input type="radio" name="via" checked={via === 'queue'} onChange={() => setVia('queue')} /> the queue: a job
          you follow and can cancel
        </label>
        <label>
          <input
            type="radio"
            name="via"
            checked={via === 'llm'}
            onChange={() => setVia('llm')}
            data-tid="via-llm"
            disabled={ctx.config.canisters.llm === undefined}
          />{' '}
          the llm canister: one <code>v0_chat</code> call, held open until a worker answers
        </label>
      </fieldset>
      {via === 'llm' ? <LlmChat ctx={ctx} /> : <QueueChat />}
    </>
  );
}

function QueueChat() {
  const { ctx } = useSession();
  const modelList = useLoad(() => models(ctx), [ctx]);
  const [model, setModel] = useState('');
  const [prompt, setPrompt] = useState('Hello! Who are you?');
  const [maxTokens, setMaxTokens] = useState('32');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [current, setCurrent] = useState<bigint>();
  const [submitted, setSubmitted] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `submitted` re-reads the list after a submit
  const mine = useMemo(() => rememberedJobs(ctx), [ctx, submitted]);
  const seen = useStatusTimeline(current);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = model || modelList.data?.[0];
    if (!chosen) return;
    setSubmitting(true);
    setError(undefined);
    submitChat(ctx, { model: chosen, prompt, maxTokens: Number(maxTokens) }).then(
      (id) => {
        setSubmitting(false);
        setCurrent(id);
        setSubmitted((n) => n + 1);
      },
      (err: unknown) => {
        setSubmitting(false);
        setError(errorMessage(err));
      },
    );
  };

  return (
    <>
      <Async loaded={modelList} label="Loading models…">
        {(list) =>
          list.length === 0 ? (
            <Empty>The queue allows no model yet (a governance proposal sets its model list).</Empty>
          ) : (
            <form className="card form" onSubmit={submit} data-tid="job-form">
              <div className="grid">
                <div className="field">
                  <label htmlFor="job-model">Model</label>
                  <select id="job-model" value={model || list[0]} onChange={(e) => setModel(e.target.value)}>
                    {list.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="job-max">Max tokens</label>
                  <input
                    id="job-max"
                    inputMode="numeric"
                    value={maxTokens}
                    onChange={(e) => setMaxTokens(e.target.value)}
                  />
                </div>
                <MessageField id="job-prompt" value={prompt} onChange={setPrompt} />
              </div>
              <button
                type="submit"
                disabled={submitting || !ctx.signedIn || !prompt.trim() || !/^\d+$/.test(maxTokens)}
                data-tid="job-submit"
              >
                {submitting ? 'Submitting…' : 'Submit job'}
              </button>
            </form>
          )
        }
      </Async>
      {error && <ErrorNote message={error} />}
      <h2>My jobs</h2>
      {mine.length === 0 ? (
        <Empty>No jobs from this browser yet.</Empty>
      ) : (
        <ul className="list" data-tid="my-jobs">
          {mine.map((id) => (
            <JobCard key={id.toString()} id={id} seen={id === current ? seen : undefined} />
          ))}
        </ul>
      )}
    </>
  );
}
