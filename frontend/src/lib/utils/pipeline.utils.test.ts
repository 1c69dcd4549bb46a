import { describe, expect, it } from 'vitest';

import { pipeline } from './pipeline.utils.ts';

const states = (v: ReturnType<typeof pipeline>) => v.steps.map((s) => `${s.label}:${s.state}`);

describe('pipeline', () => {
  it('open without a proposal waits for the proposal', () => {
    const v = pipeline({ status: 'Open' });
    expect(states(v)).toEqual(['Nominated:done', 'Proposed:current', 'Vote:todo', 'Admitted:todo']);
    expect(v.final).toBe(false);
  });

  it('open with an open proposal is at the vote', () => {
    expect(states(pipeline({ status: 'Open', proposalId: 3n }, 'Open'))).toEqual([
      'Nominated:done',
      'Proposed:done',
      'Vote:current',
      'Admitted:todo',
    ]);
  });

  it('a decided proposal wins over the nomination not yet reconciled', () => {
    expect(pipeline({ status: 'Open', proposalId: 3n }, 'Rejected')).toMatchObject({ final: true });
    expect(states(pipeline({ status: 'Open', proposalId: 3n }, 'Executed'))).toContain('Admitted:current');
  });

  it('admitted, rejected, failed, expired and withdrawn are final', () => {
    expect(states(pipeline({ status: 'Admitted', proposalId: 1n }, 'Executed'))).toEqual([
      'Nominated:done',
      'Proposed:done',
      'Adopted:done',
      'Admitted:done',
    ]);
    expect(pipeline({ status: 'Rejected', proposalId: 1n }, 'Failed').summary).toMatch(/admission failed/);
    expect(pipeline({ status: 'Rejected', proposalId: 1n }, 'Rejected').summary).toMatch(/Rejected by the vote/);
    expect(pipeline({ status: 'Expired' }).summary).toBe('Expired before a proposal was made.');
    expect(states(pipeline({ status: 'Withdrawn' }))).toContain('Proposed:todo');
  });
});
