/**
 * A chat sent through the llm canister exactly as a canister would send it: one v0_chat call as the signed-in
 * user, held open by the canister until a worker completed the job, answered with the text. While it is held,
 * the time it has been open ticks; after, the answer and how long the call was held.
 */
import { useState, type FormEvent } from 'react';

import type { Ctx } from '../lib/services/context.ts';
import { errorMessage } from '../lib/services/errors.services.ts';
import { llmChat, llmModels } from '../lib/services/llm.services.ts';
import { useLoad } from '../lib/state/use-load.ts';
import { useNow } from '../lib/state/use-now.ts';
import { duration } from '../lib/utils/health.utils.ts';
import { MessageField } from './message-field.tsx';
import { Async, Empty, ErrorNote } from './states.tsx';

function HeldFor({ since }: { since: number }) {
  const now = useNow();
  return (
    <p className="state loading" role="status" data-tid="llm-held-for">
      <span className="spinner" aria-hidden="true" /> Call held open for {Math.max(0, Math.round((now - since) / 1000))}{' '}
      s: the llm canister answers once a worker has completed the job.
    </p>
  );
}

export function LlmChat({ ctx }: { ctx: Ctx }) {
  const models = useLoad(() => llmModels(ctx), [ctx]);
  const [model, setModel] = useState('');
  const [prompt, setPrompt] = useState('Hello! Who are you?');
  const [since, setSince] = useState<number>();
  const [answer, setAnswer] = useState<{ model: string; text: string; heldMs: number }>();
  const [error, setError] = useState<string>();
  const chosen = (list: Array<{ name: string }>) => model || list[0]?.name;

  const send = (e: FormEvent) => {
    e.preventDefault();
    const name = chosen(models.data ?? []);
    if (!name) return;
    setSince(Date.now());
    setAnswer(undefined);
    setError(undefined);
    llmChat(ctx, { model: name, prompt }).then(
      ({ answer: text, heldMs }) => {
        setSince(undefined);
        setAnswer({ model: name, text, heldMs });
      },
      (err: unknown) => {
        setSince(undefined);
        setError(errorMessage(err));
      },
    );
  };

  return (
    <Async loaded={models} label="Loading the llm canister's models…">
      {(list) =>
        list.length === 0 ? (
          <Empty>The llm canister maps no model yet (a governance proposal sets its model map).</Empty>
        ) : (
          <>
            <form className="card form" onSubmit={send} data-tid="llm-form">
              <div className="grid">
                <div className="field">
                  <label htmlFor="llm-model">Model</label>
                  <select
                    id="llm-model"
                    value={chosen(list)}
                    onChange={(e) => setModel(e.target.value)}
                    aria-describedby="llm-model-help"
                  >
                    {list.map((m) => (
                      <option key={m.name}>{m.name}</option>
                    ))}
                  </select>
                  <small id="llm-model-help" className="muted">
                    served by worker model {list.find((m) => m.name === chosen(list))?.workerModel}
                  </small>
                </div>
                <MessageField id="llm-prompt" value={prompt} onChange={setPrompt} />
              </div>
              <button
                type="submit"
                disabled={since !== undefined || !ctx.signedIn || !prompt.trim()}
                data-tid="llm-submit"
              >
                {since !== undefined ? 'Waiting for the answer…' : 'Send v0_chat'}
              </button>
            </form>
            {since !== undefined && <HeldFor since={since} />}
            {error && <ErrorNote message={error} />}
            {answer && (
              <section className="card" aria-label="Answer" data-tid="llm-answer">
                <div className="row-head">
                  <strong>Answer</strong> <span className="muted">{answer.model}</span>
                </div>
                <pre className="output" data-tid="llm-answer-text">
                  {answer.text || '(empty answer)'}
                </pre>
                <p className="muted" data-tid="llm-answer-held">
                  The call was held open {duration(BigInt(answer.heldMs))}, from sending to the reply.
                </p>
              </section>
            )}
          </>
        )
      }
    </Async>
  );
}
