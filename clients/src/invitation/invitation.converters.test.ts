import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { toListNominationsArgs, toNomination } from './invitation.converters.ts';
import type { CandidNomination } from './invitation.types.ts';

const p = Principal.fromText('2vxsx-fae');

describe('invitation converters', () => {
  it('nomination: opt proposal_id/status_reason → value or absent', () => {
    const candid: CandidNomination = {
      id: 1n,
      candidate: p,
      nominator: p,
      display_name: 'Dave',
      motivation: 'GPUs',
      hardware: { gpu: 'none', vram_gib: 0, ram_gib: 64, cpu_cores: 16, region: 'eu' },
      models: [],
      status: { Open: null },
      status_reason: [],
      proposal_id: [7n],
      created_at: 1n,
      updated_at: 1n,
      expires_at: 9n,
    };
    const n = toNomination(candid);
    expect(n.proposal_id).toBe(7n);
    expect('status_reason' in n).toBe(false);
  });

  it('list filters: undefined → [] (all), given → [value]', () => {
    const page = { offset: 0n, limit: 10n };
    expect(toListNominationsArgs({ page })).toEqual({ page, status: [], nominator: [] });
    expect(toListNominationsArgs({ page, status: { Open: null }, nominator: p })).toEqual({
      page,
      status: [{ Open: null }],
      nominator: [p],
    });
  });
});
