/**
 * A nomination's way to admission as steps: open → proposed → adopted | rejected | failed | expired →
 * admitted (or withdrawn). The invitation canister knows the nomination; SNS governance knows the proposal's
 * decision; the step shown combines both so a voter never sees "open" for a proposal already decided.
 */
export type NominationStatus = 'Open' | 'Admitted' | 'Rejected' | 'Withdrawn' | 'Expired';
/** SNS ProposalDecisionStatus, by name. */
export type ProposalStatus = 'Open' | 'Rejected' | 'Adopted' | 'Executed' | 'Failed';

export type StepState = 'done' | 'current' | 'todo' | 'failed';

export interface PipelineStep {
  key: 'open' | 'proposed' | 'decided' | 'admitted';
  label: string;
  state: StepState;
}

export interface PipelineView {
  steps: PipelineStep[];
  /** One sentence for the current position. */
  summary: string;
  final: boolean;
}

export function pipeline(
  n: { status: NominationStatus; proposalId?: bigint },
  proposal?: ProposalStatus,
): PipelineView {
  const proposed = n.proposalId !== undefined;
  const steps = (decided: Omit<PipelineStep, 'key'>, admitted: StepState, proposedState: StepState = 'done') => [
    { key: 'open' as const, label: 'Nominated', state: 'done' as StepState },
    { key: 'proposed' as const, label: 'Proposed', state: proposedState },
    { key: 'decided' as const, ...decided },
    { key: 'admitted' as const, label: 'Admitted', state: admitted },
  ];
  const pid = proposed ? `proposal ${n.proposalId}` : 'no proposal';
  switch (n.status) {
    case 'Admitted':
      return {
        steps: steps({ label: 'Adopted', state: 'done' }, 'done'),
        summary: `Admitted by ${pid}.`,
        final: true,
      };
    case 'Withdrawn':
      return {
        steps: steps({ label: 'Withdrawn', state: 'failed' }, 'todo', proposed ? 'done' : 'todo'),
        summary: 'Withdrawn by the node provider.',
        final: true,
      };
    case 'Expired':
      return {
        steps: steps({ label: 'Expired', state: 'failed' }, 'todo', proposed ? 'done' : 'todo'),
        summary: proposed ? `Expired while ${pid} was undecided.` : 'Expired before a proposal was made.',
        final: true,
      };
    case 'Rejected': {
      const failed = proposal === 'Failed';
      return {
        steps: steps({ label: failed ? 'Failed' : 'Rejected', state: 'failed' }, 'todo'),
        summary: failed ? `${pid} was adopted but admission failed.` : `Rejected by the vote on ${pid}.`,
        final: true,
      };
    }
    case 'Open':
      if (!proposed)
        return {
          steps: steps({ label: 'Vote', state: 'todo' }, 'todo', 'current'),
          summary: 'Nominated; no proposal yet: the node provider submits one.',
          final: false,
        };
      if (proposal === 'Rejected')
        return {
          steps: steps({ label: 'Rejected', state: 'failed' }, 'todo'),
          summary: `Rejected by the vote on ${pid}; the invitation canister closes the nomination shortly.`,
          final: true,
        };
      if (proposal === 'Failed')
        return {
          steps: steps({ label: 'Failed', state: 'failed' }, 'todo'),
          summary: `${pid} was adopted but admission failed.`,
          final: true,
        };
      if (proposal === 'Adopted' || proposal === 'Executed')
        return {
          steps: steps({ label: 'Adopted', state: 'done' }, 'current'),
          summary: `${pid} adopted; admission is being executed.`,
          final: false,
        };
      return {
        steps: steps({ label: 'Vote', state: 'current' }, 'todo'),
        summary: `Token holders are voting on ${pid}.`,
        final: false,
      };
  }
}
