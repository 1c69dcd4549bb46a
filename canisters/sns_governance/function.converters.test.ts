import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { functionFromCandid, functionToCandid } from './function.converters.ts';
import { proposalFromCandid } from './proposal.converters.ts';

const canister = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const generic = (topic: [] | [{ ApplicationBusinessLogic: null }]) => ({
  id: 1000n,
  name: 'admit',
  description: [] as [],
  function_type: [
    {
      GenericNervousSystemFunction: {
        target_canister_id: [Principal.fromText(canister)] as [Principal],
        target_method_name: ['admit'] as [string],
        validator_canister_id: [Principal.fromText(canister)] as [Principal],
        validator_method_name: ['validate_admit'] as [string],
        topic,
      },
    },
  ] as const,
});

describe('official NervousSystemFunction ↔ domain', () => {
  it('round-trips a generic function', () => {
    const f = functionFromCandid(generic([{ ApplicationBusinessLogic: null }]) as never);
    expect(f).toEqual({
      Ok: {
        id: 1000n,
        name: 'admit',
        target_canister_id: canister,
        target_method_name: 'admit',
        validator_canister_id: canister,
        validator_method_name: 'validate_admit',
        topic: 'ApplicationBusinessLogic',
      },
    });
    if ('Ok' in f) expect(functionFromCandid(functionToCandid(f.Ok))).toEqual(f);
  });

  it('requires a topic and a generic function type', () => {
    expect(functionFromCandid(generic([]) as never)).toEqual({ Err: 'NervousSystemFunction 1000 must have a topic' });
    expect(
      functionFromCandid({ id: 1n, name: 'n', description: [], function_type: [{ NativeNervousSystemFunction: {} }] }),
    ).toHaveProperty('Err');
  });

  it('answers unsupported proposal actions and a missing action clearly', () => {
    expect(proposalFromCandid({ title: 't', summary: '', url: '', action: [] })).toEqual({
      Err: 'No action was specified.',
    });
    const upgrade = proposalFromCandid({ title: 't', summary: '', url: '', action: [{ UpgradeSnsToNextVersion: {} }] });
    expect('Err' in upgrade && upgrade.Err).toContain('UpgradeSnsToNextVersion is not supported');
  });
});
