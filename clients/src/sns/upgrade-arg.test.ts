import { IDL } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';
import { describe, expect, it } from 'vitest';

import { init as queueInit } from '../declarations/queue.did.ts';
import { describeUpgradeArg, encodeUpgradeArg } from './upgrade-arg.ts';

describe('upgrade arguments', () => {
  const governance = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');

  it('round-trips: what encodeUpgradeArg writes, describeUpgradeArg reads back for each canister', () => {
    for (const canister of ['registry', 'invitation', 'queue', 'llm'] as const) {
      expect(describeUpgradeArg(canister, encodeUpgradeArg(canister, { governance }))).toBe(
        `Upgrade, governance becomes ${governance.toText()}`,
      );
      expect(describeUpgradeArg(canister, encodeUpgradeArg(canister))).toBe('Upgrade, nothing changes');
    }
  });

  it('names no argument, bytes of another shape, and an install argument', () => {
    expect(describeUpgradeArg('queue', undefined)).toBe('none (nothing changes)');
    expect(describeUpgradeArg('queue', Uint8Array.from([1, 2, 3]))).toMatch(/^3 bytes that are not queue's/);
    const install = IDL.encode(queueInit({ IDL }), [
      { Init: { governance, registry: governance, params: [], llm: [] } },
    ]);
    expect(describeUpgradeArg('queue', new Uint8Array(install))).toMatch(/^an install argument \(Init\)/);
  });
});
