/**
 * The vote as shares of ALL voting power, with both SNS thresholds marked: the majority of votes cast
 * (50 % / 67 %) drawn where an early decision happens, and the participation quorum (3 % / 20 %) that yes
 * must reach — and what is still missing, in voting power.
 */
import { formatPower, tallyView, type TallyFigures, type Thresholds } from '../lib/utils/tally.utils.ts';

export function TallyBar({ tally, thresholds, open }: { tally: TallyFigures; thresholds: Thresholds; open: boolean }) {
  const v = tallyView(tally, thresholds);
  const critical = thresholds.exercisedBp > 5000n;
  return (
    <section className="tally" aria-label="Tally" data-tid="tally">
      <div className="tally-figures">
        <span className="yes">
          Yes {v.yesPercent.toFixed(2)} % ({formatPower(tally.yes)})
        </span>
        <span className="no">
          No {v.noPercent.toFixed(2)} % ({formatPower(tally.no)})
        </span>
      </div>
      <div
        className="bar"
        role="img"
        aria-label={`Yes ${v.yesPercent} percent, no ${v.noPercent} percent of all voting power`}
      >
        <div className="bar-yes" style={{ width: `${v.yesPercent}%` }} />
        <div className="bar-no" style={{ width: `${v.noPercent}%` }} />
        <div className="marker majority" style={{ left: `${v.majorityMarkerPercent}%` }} />
        <div className="marker quorum" style={{ left: `${v.quorumMarkerPercent}%` }} />
      </div>
      <ul className="tally-legend">
        <li>
          <span className="key majority" /> {v.majorityMarkerPercent} % majority{critical ? ' (critical topic)' : ''}:
          more than this share of votes cast must be yes; past it of all voting power, adopted at once
        </li>
        <li>
          <span className="key quorum" /> {v.quorumMarkerPercent} % participation: yes must reach this share of all
          voting power
        </li>
      </ul>
      {open && (
        <p className="tally-needs" data-tid="tally-needs" data-testid="tally-needs">
          {v.early === 'adopted'
            ? 'Decided: adopted.'
            : v.yesNeededAtDeadline > 0n
              ? `Needs ${formatPower(v.yesNeededAtDeadline)} more yes to pass at the deadline; ${formatPower(v.yesNeededNow)} more to be adopted at once.`
              : `Would pass at the deadline as it stands; ${formatPower(v.yesNeededNow)} more yes adopts it at once.`}{' '}
          Total voting power {formatPower(tally.total)}.
        </p>
      )}
    </section>
  );
}
