import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { toContributor, toRegistryEvent } from './registry.converters.ts';
import type { CandidContributor, CandidEvent } from './registry.types.ts';

const p = Principal.fromText('2vxsx-fae');
const contributor: CandidContributor = {
  id: p,
  display_name: 'Dave',
  sponsor: p,
  proposal_id: 4n,
  status: { Suspended: null },
  status_reason: ['missed heartbeats'],
  hardware: { gpu: 'none', vram_gib: 0, ram_gib: 64, cpu_cores: 16, region: 'eu' },
  models: ['tiny-chat'],
  worker_keys: [],
  admitted_at: 1n,
  updated_at: 2n,
};

describe('registry converters', () => {
  it('contributor: status_reason [text] → text, [] → absent', () => {
    expect(toContributor(contributor).status_reason).toBe('missed heartbeats');
    const active = toContributor({ ...contributor, status: { Active: null }, status_reason: [] });
    expect('status_reason' in active).toBe(false);
    expect(active).toMatchObject({ display_name: 'Dave', proposal_id: 4n });
  });

  it('event: proposal_id [id] → id, [] → absent', () => {
    const event: CandidEvent = {
      seq: 1n,
      time: 2n,
      actor: p,
      subject: p,
      kind: { WorkerKeyBound: null },
      detail: '',
      proposal_id: [],
    };
    expect('proposal_id' in toRegistryEvent(event)).toBe(false);
    expect(toRegistryEvent({ ...event, proposal_id: [12n] }).proposal_id).toBe(12n);
  });
});
