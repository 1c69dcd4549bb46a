/**
 * Voting with every eligible neuron at once: all preselected, one action, progress per neuron, "already
 * voted" as success, the proposal refetched after. Neurons that cannot vote are listed with the reason.
 */
import { useState } from 'react';

import type { Ctx } from '../lib/services/context.ts';
import { voteWithNeurons, type NeuronVoteState } from '../lib/services/vote.services.ts';
import type { Eligibility } from '../lib/utils/eligibility.utils.ts';
import { formatPower } from '../lib/utils/tally.utils.ts';
import { PrincipalText } from './principal.tsx';

export function VotePanel(props: {
  ctx: Ctx;
  proposalId: bigint;
  open: boolean;
  eligibility: Eligibility[];
  onVoted: () => void;
  onSignIn: () => void;
}) {
  const eligible = props.eligibility.filter((e) => e.kind === 'eligible');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(eligible.map((e) => e.neuron.idHex)));
  const [progress, setProgress] = useState<Map<string, NeuronVoteState>>(new Map());
  const [busy, setBusy] = useState(false);

  if (!props.ctx.signedIn)
    return (
      <section className="card" aria-labelledby="vote-title">
        <h2 id="vote-title">Your vote</h2>
        <p>
          <button type="button" onClick={props.onSignIn}>
            Sign in
          </button>{' '}
          to vote with your neurons.
        </p>
      </section>
    );

  const vote = (yes: boolean) => {
    const neurons = eligible.map((e) => e.neuron.idHex).filter((id) => selected.has(id));
    setBusy(true);
    void voteWithNeurons(props.ctx, { proposalId: props.proposalId, neurons, yes }, (neuron, state) =>
      setProgress((m) => new Map(m).set(neuron, state)),
    ).then(() => {
      setBusy(false);
      props.onVoted();
    });
  };
  const count = eligible.filter((e) => selected.has(e.neuron.idHex)).length;

  return (
    <section className="card" aria-labelledby="vote-title" data-tid="vote-panel">
      <h2 id="vote-title">Your vote</h2>
      {props.eligibility.length === 0 && <p>You have no neurons in this SNS.</p>}
      <ul className="neurons">
        {props.eligibility.map((e) => {
          const id = e.neuron.idHex;
          const p = progress.get(id);
          return (
            <li key={id} data-tid={`neuron-${id}`}>
              {e.kind === 'eligible' ? (
                <label>
                  <input
                    type="checkbox"
                    checked={selected.has(id)}
                    disabled={busy || !props.open}
                    onChange={(ev) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (ev.target.checked) next.add(id);
                        else next.delete(id);
                        return next;
                      })
                    }
                  />{' '}
                  Neuron <PrincipalText value={id} copy /> · voting power {formatPower(e.votingPower)}
                </label>
              ) : (
                <span>
                  Neuron <PrincipalText value={id} copy />{' '}
                </span>
              )}
              {e.kind === 'voted' && <span className="badge good">voted {e.vote}</span>}
              {e.kind === 'ineligible' && <span className="muted"> cannot vote: {e.reason}</span>}
              {p && (
                <span className={`progress ${p.state}`} data-tid="vote-progress">
                  {' '}
                  {p.state === 'failed' ? `failed: ${p.message}` : p.state}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {props.open && eligible.length > 0 && (
        <div className="actions">
          <button type="button" disabled={busy || count === 0} onClick={() => vote(true)} data-tid="vote-yes">
            Vote yes with {count} neuron{count === 1 ? '' : 's'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || count === 0}
            onClick={() => vote(false)}
            data-tid="vote-no"
          >
            Vote no
          </button>
        </div>
      )}
      {!props.open && eligible.length > 0 && <p className="muted">Voting has closed.</p>}
    </section>
  );
}
