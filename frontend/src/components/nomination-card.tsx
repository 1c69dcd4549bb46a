/** One nomination: who, by whom, its proposal, its pipeline; its node provider may propose or withdraw it. */
import type { Nomination } from '@gatehouse/clients';

import { statusName, type NominationRow } from '../lib/services/nominations.services.ts';
import { href } from '../lib/state/router.ts';
import { formatNanos } from '../lib/utils/format.utils.ts';
import { Badge } from './badge.tsx';
import { PipelineSteps } from './pipeline-steps.tsx';
import { PrincipalText } from './principal.tsx';

export function NominationCard(props: {
  row: NominationRow;
  /** The signed-in user's principal: their own open nomination gets its actions. */
  principal: string | undefined;
  busy: boolean;
  onPropose: (n: Nomination) => void;
  onWithdraw: (n: Nomination) => void;
}) {
  const { nomination: n, pipeline } = props.row;
  const status = statusName(n);
  const open = status === 'Open';
  return (
    <li className="card" data-tid={`nomination-${n.id}`}>
      <div className="row-head">
        <strong>
          <a href={href('nominations', n.id)}>#{n.id.toString()}</a> {n.display_name}
        </strong>
        <Badge tone={open ? 'info' : status === 'Admitted' ? 'good' : 'muted'}>{status}</Badge>
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
        {open && <span>expires {formatNanos(n.expires_at)}</span>}
      </div>
      <PipelineSteps view={pipeline} />
      {open && n.nominator.toText() === props.principal && (
        <div className="actions">
          {n.proposal_id === undefined && (
            <button type="button" disabled={props.busy} onClick={() => props.onPropose(n)}>
              Submit proposal
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={props.busy}
            onClick={() => props.onWithdraw(n)}
            data-tid="withdraw"
          >
            Withdraw
          </button>
        </div>
      )}
    </li>
  );
}
