/** A proposal's decision status and tally as text, from the ProposalData fields (as governance decides them). */
import { SnsProposalDecisionStatus, type SnsGovernanceDid } from '@gatehouse/clients';

export const STATUS_NAMES: Record<string, SnsProposalDecisionStatus> = {
  open: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_OPEN,
  rejected: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_REJECTED,
  adopted: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_ADOPTED,
  executed: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_EXECUTED,
  failed: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_FAILED,
};

const bp = (p: [] | [SnsGovernanceDid.Percentage]) => p[0]?.basis_points[0];

/** yes > exercised threshold of votes cast and yes >= total threshold of all voting power. */
function accepted(p: SnsGovernanceDid.ProposalData): boolean {
  const t = p.latest_tally[0];
  if (!t) return false;
  const exercised = bp(p.minimum_yes_proportion_of_exercised) ?? 5_000n;
  const total = bp(p.minimum_yes_proportion_of_total) ?? 300n;
  return t.yes * 10_000n > (t.yes + t.no) * exercised && t.yes * 10_000n >= t.total * total;
}

export function decisionStatus(p: SnsGovernanceDid.ProposalData): string {
  if (p.decided_timestamp_seconds === 0n) return 'open';
  if (p.failed_timestamp_seconds > 0n) return 'failed';
  if (p.executed_timestamp_seconds > 0n) return 'executed';
  return accepted(p) ? 'adopted' : 'rejected';
}

const pct = (part: bigint, whole: bigint) =>
  whole === 0n ? '0.00' : (Number((part * 1_000_000n) / whole) / 10_000).toFixed(2);

export function tallyText(p: SnsGovernanceDid.ProposalData): string {
  const t = p.latest_tally[0];
  if (!t) return 'no tally';
  return `yes ${pct(t.yes, t.total)} %, no ${pct(t.no, t.total)} % of ${t.total} voting power`;
}
