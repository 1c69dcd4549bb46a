import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { toLease, toSubmitArgs, toWorkerStats } from './queue.converters.ts';
import type { CandidLease, CandidWorkerStats } from './queue.types.ts';

const lease: CandidLease = {
  job_id: 3n,
  token: 9n,
  attempt: 1,
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content: 'hi' }],
  max_tokens: 16,
  deadline: 5n,
  temperature: [],
  seed: [],
};

describe('queue converters', () => {
  it('submit: undefined temperature/seed become empty opts, given ones [value]', () => {
    const base = { model: 'm', messages: [], max_tokens: 8 };
    expect(toSubmitArgs(base)).toEqual({ ...base, temperature: [], seed: [] });
    expect(toSubmitArgs({ ...base, temperature: 0.5, seed: 0 })).toEqual({ ...base, temperature: [0.5], seed: [0] });
  });

  it('lease: empty opts become absent keys, [value] the value (0 included)', () => {
    const { temperature: _t, seed: _s, ...rest } = lease;
    expect(toLease(lease)).toStrictEqual(rest);
    expect('temperature' in toLease(lease)).toBe(false);
    expect(toLease({ ...lease, temperature: [0], seed: [42] })).toMatchObject({ temperature: 0, seed: 42 });
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
      last_heartbeat: [7n],
      last_seen: [],
    };
    const converted = toWorkerStats(stats);
    expect(converted.last_heartbeat).toBe(7n);
    expect('last_seen' in converted).toBe(false);
  });
});
