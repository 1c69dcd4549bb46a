/**
 * The llm canister: the IC LLM canister's drop-in that canisters call (v0_chat / v1_chat through @dfinity/llm,
 * ic-llm or mo:llm) and that answers from Gatehouse workers. Its id, which model names it accepts and which
 * worker model serves each, its limits, and its /metrics figures, live.
 */
import { LLM_CANISTER_ID } from '@gatehouse/clients';

import { PrincipalText } from '../components/principal.tsx';
import { Async, Empty } from '../components/states.tsx';
import { loadLlm } from '../lib/services/llm.services.ts';
import { href } from '../lib/state/router.ts';
import { useSession } from '../lib/state/session.tsx';
import { useLoad } from '../lib/state/use-load.ts';
import { groupDigits } from '../lib/utils/format.utils.ts';
import { heldSummary, metricsUrl, OUTCOMES } from '../lib/utils/llm.utils.ts';

const OUTCOME_TEXT: Record<(typeof OUTCOMES)[number], string> = {
  replied: 'Replied',
  timeout: 'Timed out',
  failed: 'Job failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  refused: 'Refused',
};

export function LlmPage() {
  const { ctx } = useSession();
  const loaded = useLoad(() => loadLlm(ctx), [ctx], { refreshMs: 5_000 });
  return (
    <>
      <h1>LLM canister</h1>
      <p className="muted">
        A drop-in for the IC's LLM canister: a canister calling <code>v0_chat</code> or <code>v1_chat</code> here
        (through <code>@dfinity/llm</code>, <code>ic-llm</code> or <code>mo:llm</code>) gets its answer from a Gatehouse
        worker; the call stays open until the worker completes the job. Figures refresh every 5 s.
      </p>
      <Async loaded={loaded} label="Loading the llm canister…">
        {(llm) =>
          llm === null ? (
            <Empty>This deployment has no llm canister: its id is not in the dashboard's configuration.</Empty>
          ) : (
            <div className="columns">
              <div>
                <section className="card" aria-labelledby="llm-id-title">
                  <h2 id="llm-id-title">Canister</h2>
                  <dl className="facts">
                    <dt>Id</dt>
                    <dd data-tid="llm-id">
                      <PrincipalText value={llm.id} copy />
                      {llm.id === LLM_CANISTER_ID && <div className="muted">the IC LLM canister's own id</div>}
                    </dd>
                    <dt>Call timeout</dt>
                    <dd>{llm.params.timeout_seconds} s</dd>
                    <dt>Max tokens</dt>
                    <dd>{llm.params.max_tokens} per answer</dd>
                    <dt>Max request</dt>
                    <dd>{llm.params.max_request_bytes} bytes</dd>
                    <dt>Prometheus</dt>
                    <dd>
                      <a href={metricsUrl(ctx.config, llm.id)}>/metrics</a>
                    </dd>
                  </dl>
                </section>
                <section className="card" aria-labelledby="llm-models-title">
                  <h2 id="llm-models-title">Models</h2>
                  <p className="muted">
                    The names callers use, and the worker model that serves each (set by governance).
                  </p>
                  {llm.params.models.length === 0 ? (
                    <Empty>No model is mapped yet: every chat is refused until a proposal maps one.</Empty>
                  ) : (
                    <table data-tid="llm-models">
                      <thead>
                        <tr>
                          <th>Model name</th>
                          <th>Served by worker model</th>
                        </tr>
                      </thead>
                      <tbody>
                        {llm.params.models.map((m) => (
                          <tr key={m.name}>
                            <td>
                              <code>{m.name}</code>
                            </td>
                            <td>
                              <code>{m.worker_model}</code>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <p>
                    <a href={`${href('playground')}?via=llm`}>Send a chat through it in the playground →</a>
                  </p>
                </section>
              </div>
              <section className="card" aria-labelledby="llm-figures-title" data-tid="llm-figures">
                <h2 id="llm-figures-title">Figures</h2>
                <dl className="facts">
                  <dt>Chats</dt>
                  <dd data-tid="llm-chats">
                    {llm.metrics.chats_v0.toString()} v0 · {llm.metrics.chats_v1.toString()} v1
                  </dd>
                  <dt>Held now</dt>
                  <dd data-tid="llm-held">{llm.metrics.held.toString()} waiting for a worker</dd>
                  {OUTCOMES.map((o) => (
                    <div key={o}>
                      <dt>{OUTCOME_TEXT[o]}</dt>
                      <dd data-tid={`llm-${o}`}>{llm.metrics[o].toString()}</dd>
                    </div>
                  ))}
                  <dt>Held time</dt>
                  <dd data-tid="llm-held-time">{heldSummary(llm.metrics)}</dd>
                  <dt>Polls</dt>
                  <dd>{llm.metrics.polls.toString()} job reads by held calls</dd>
                  <dt>Cycles balance</dt>
                  <dd data-tid="llm-cycles">{groupDigits(llm.metrics.cycles)} cycles held by the canister</dd>
                </dl>
                <p className="muted">
                  Timed out: no worker answered within the call timeout. Cancelled: the caller's call was rejected and
                  its job cancelled. Expired: the job expired in the queue. Refused: turned away at once, never held
                  (anonymous caller, unknown model, a request over a limit).
                </p>
              </section>
            </div>
          )
        }
      </Async>
    </>
  );
}
