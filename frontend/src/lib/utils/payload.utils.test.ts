import { ADMIT_CONTRIBUTOR, encodePayload, functionByKey } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { readable, readPayload } from './payload.utils.ts';

describe('readPayload', () => {
  it('decodes an admission payload into labelled fields', () => {
    const r = readPayload(ADMIT_CONTRIBUTOR.id, encodePayload(ADMIT_CONTRIBUTOR, { nomination_id: 7n }));
    expect(r.kind).toBe('ours');
    if (r.kind === 'ours') {
      expect(r.decoded.fn.key).toBe('admit-contributor');
      expect(r.decoded.fields).toEqual([{ label: 'Nomination id', text: '7' }]);
    }
  });

  it('decodes a suspension with the contributor as principal text', () => {
    const fn = functionByKey('suspend-contributor')!;
    const contributor = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const value = { contributor, reason: 'offline for a week' } as Record<string, unknown>;
    const r = readPayload(fn.id, encodePayload(fn, value));
    expect(r.kind).toBe('ours');
    if (r.kind === 'ours') expect(r.decoded.fields.map((f) => f.text)).toContain('rrkah-fqaaa-aaaaa-aaaaq-cai');
  });

  it('says so when the bytes do not decode, and leaves other functions alone', () => {
    expect(readPayload(ADMIT_CONTRIBUTOR.id, new Uint8Array([1, 2, 3])).kind).toBe('undecodable');
    expect(readPayload(1n, new Uint8Array()).kind).toBe('foreign');
  });

  it('renders options, variants and records', () => {
    expect(readable([])).toBe('none');
    expect(readable({ Active: null })).toBe('Active');
    expect(readable({ cpu_cores: 4, gpu: 'none' })).toBe('Cpu cores: 4; Gpu: none');
  });
});
