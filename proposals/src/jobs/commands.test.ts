import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { getJob, toolCallLines } from './commands.ts';
import type { JobsRequest } from './args.ts';
import type { Job } from './queue-access.ts';

const completed = (output: string, calls?: Array<{ id: string; name: string; arguments: string }>): Job => ({
  id: 7n,
  submitter: Principal.anonymous(),
  model: 'tiny-chat',
  max_tokens: 16,
  attempts: 1,
  created_at: 0n,
  updated_at: 0n,
  status: {
    Completed: {
      output,
      tokens_in: 3,
      tokens_out: 2,
      tool_calls: calls ? [calls] : [],
      worker: Principal.anonymous(),
      completed_at: 0n,
    },
  },
});

const shown = async (job: Job): Promise<string[]> => {
  const lines: string[] = [];
  const queue = { job: async () => job, submit: async () => 0n, cancel: async () => undefined };
  const history = { add: () => undefined, ids: () => [] };
  await getJob({ id: 7n } as JobsRequest, {
    queue,
    history: history as never,
    out: (line) => lines.push(line),
    sleep: async () => undefined,
    now: () => 0,
  });
  return lines.slice(1);
};

describe('jobs output with tool calls', () => {
  it('prints each call on its own line, terminal-safe, after any text', async () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Zug\u001b[31m"}' };
    expect(toolCallLines(completed('', [call]))).toEqual(['tool call call_1: get_weather {"city":"Zug"}']);
    expect(await shown(completed('', [call]))).toEqual(toolCallLines(completed('', [call])));
    expect(await shown(completed('Let me check.', [call]))).toHaveLength(2);
    expect(await shown(completed('plain answer'))).toEqual(['plain answer']);
  });
});
