import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { toCompleteArgs, toLease, toSubmitArgs, toWorkerStats } from './queue.converters.ts';
import type { CandidLease, CandidWorkerStats } from './queue.types.ts';

const lease: CandidLease = {
  job_id: 3n,
  token: 9n,
  attempt: 1,
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content: 'hi', tool_calls: [], tool_call_id: [] }],
  tools: [],
  max_tokens: 16,
  deadline: 5n,
  temperature: [],
  seed: [],
};

describe('queue converters', () => {
  it('submit: undefined temperature/seed become empty opts, given ones [value]', () => {
    const base = { model: 'm', messages: [], max_tokens: 8 };
    expect(toSubmitArgs(base)).toEqual({ ...base, tools: [], temperature: [], seed: [] });
    expect(toSubmitArgs({ ...base, temperature: 0.5, seed: 0 })).toEqual({
      ...base,
      tools: [],
      temperature: [0.5],
      seed: [0],
    });
  });

  const call = { id: 'c1', name: 'get_weather', arguments: '{"city":"Zug"}' };

  it('submit: tools and the tool fields of messages become opts', () => {
    const args = toSubmitArgs({
      model: 'm',
      max_tokens: 8,
      tools: [{ name: 'get_weather', parameters: '{"type":"object"}' }],
      messages: [
        { role: { Assistant: null }, content: '', tool_calls: [call] },
        { role: { Tool: null }, content: 'sunny', tool_call_id: 'c1' },
      ],
    });
    expect(args.tools).toEqual([[{ name: 'get_weather', description: [], parameters: ['{"type":"object"}'] }]]);
    expect(args.messages).toEqual([
      { role: { Assistant: null }, content: '', tool_calls: [[call]], tool_call_id: [] },
      { role: { Tool: null }, content: 'sunny', tool_calls: [], tool_call_id: ['c1'] },
    ]);
  });

  it('lease: empty opts become absent keys, [value] the value (0 included)', () => {
    const { temperature: _t, seed: _s, tools: _tools, messages: _m, ...rest } = lease;
    expect(toLease(lease)).toStrictEqual({ ...rest, messages: [{ role: { User: null }, content: 'hi' }] });
    expect('temperature' in toLease(lease)).toBe(false);
    expect('tools' in toLease(lease)).toBe(false);
    expect(toLease({ ...lease, temperature: [0], seed: [42] })).toMatchObject({ temperature: 0, seed: 42 });
  });

  it('lease: tools and tool turns come back as plain fields', () => {
    const leased = toLease({
      ...lease,
      tools: [[{ name: 'get_weather', description: ['Weather now'], parameters: [] }]],
      messages: [{ role: { Tool: null }, content: 'sunny', tool_calls: [], tool_call_id: ['c1'] }],
    });
    expect(leased.tools).toStrictEqual([{ name: 'get_weather', description: 'Weather now' }]);
    expect(leased.messages).toStrictEqual([{ role: { Tool: null }, content: 'sunny', tool_call_id: 'c1' }]);
  });

  it('complete: tool_calls optional', () => {
    const done = { job_id: 1n, token: 2n, output: '', tokens_in: 1, tokens_out: 1 };
    expect(toCompleteArgs(done)).toEqual({ ...done, tool_calls: [] });
    expect(toCompleteArgs({ ...done, tool_calls: [call] })).toEqual({ ...done, tool_calls: [[call]] });
  });

  it('worker stats: last_heartbeat/last_seen', () => {
    const stats: CandidWorkerStats = {
      worker: Principal.anonymous(),
      contributor: Principal.anonymous(),
      active: true,
      models: [],
      version: 'v',
      leases: 0,
      in_flight: 0,
      completed: 0n,
      failed: 0n,
      expired_leases: 0n,
      latency_ms_total: 0n,
      latency_ms_max: 0n,
      latency_ms_p50: [120n],
      latency_ms_p95: [],
      last_heartbeat: [7n],
      last_seen: [],
    };
    const converted = toWorkerStats(stats);
    expect(converted.last_heartbeat).toBe(7n);
    expect(converted.latency_ms_p50).toBe(120n);
    expect('last_seen' in converted).toBe(false);
    expect('latency_ms_p95' in converted).toBe(false);
  });
});
