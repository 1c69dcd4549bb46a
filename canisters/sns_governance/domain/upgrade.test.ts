import { describe, expect, it } from 'vitest';

import { ERROR_TYPE } from './errors.ts';
import { fixture, N, SELF, USERS } from './fixture.ts';
import { executePending, makeProposalFlow, registerVoteFlow } from './flows.ts';
import { sha256Hex } from './hex.ts';
import { proposalKey } from './stores.ts';
import { VOTE } from './types.ts';
import { INSTALL_MODE } from './upgrade.ts';

const QUEUE = 'bkyz2-fmaaa-aaaaa-qaaaq-cai';
const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

const upgrade = (overrides: { canister_id?: string; new_canister_wasm?: Uint8Array; mode?: number } = {}) => {
  const module = overrides.new_canister_wasm ?? wasm;
  return {
    title: 'Upgrade the queue',
    summary: 'Built from commit abc',
    url: '',
    action: {
      UpgradeSnsControlledCanister: {
        canister_id: overrides.canister_id ?? QUEUE,
        new_canister_wasm: module,
        wasm_sha256: sha256Hex(module),
        mode: overrides.mode ?? INSTALL_MODE.Upgrade,
      },
    },
  };
};

async function adopted(answer?: string) {
  const f = fixture();
  f.answers.upgrade = answer;
  expect(await makeProposalFlow(f.env, USERS.alice, N.a, upgrade())).toEqual({ Ok: 1n });
  expect(registerVoteFlow(f.env, USERS.bob, N.b, 1n, VOTE.Yes)).toEqual({ Ok: null });
  await executePending(f.env);
  return { ...f, proposal: f.stores.proposals.get(proposalKey(1n))! };
}

describe('UpgradeSnsControlledCanister', () => {
  it('shows the wasm hash to voters, keeps the module apart, and upgrades once adopted', async () => {
    const { proposal, calls, stores } = await adopted();
    expect(proposal).toMatchObject({ action: 3n, topic: 'DappCanisterManagement' });
    expect(proposal.payload_text_rendering).toContain(`## Canister wasm sha256: ${sha256Hex(wasm)}`);
    expect(proposal.payload_text_rendering).toContain(`## Canister id: ${QUEUE}`);
    expect(JSON.stringify(proposal, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(
      'new_canister_wasm',
    );
    expect(calls.filter((c) => c.kind === 'upgrade')).toEqual([
      { kind: 'upgrade', canister: QUEUE, method: 'install_code', payload: wasm },
    ]);
    expect(proposal.executed_timestamp_seconds).toBeGreaterThan(0n);
    expect(stores.wasms.size()).toBe(0);
  });

  it('fails the proposal with the reason when the install fails', async () => {
    const { proposal, stores } = await adopted('install_code failed: canister_post_upgrade trapped');
    expect(proposal.executed_timestamp_seconds).toBe(0n);
    expect(proposal.failure_reason?.error_message).toContain('canister_post_upgrade trapped');
    expect(proposal.failure_reason?.error_type).toBe(ERROR_TYPE.External);
    expect(stores.wasms.size()).toBe(0);
  });

  it.each([
    ['a module that is not wasm', upgrade({ new_canister_wasm: new Uint8Array([1, 2, 3, 4]) }), 'magic value'],
    ['a reserved canister (governance itself)', upgrade({ canister_id: SELF }), 'dapp canister'],
    ['a mode other than upgrade', upgrade({ mode: INSTALL_MODE.Reinstall }), 'mode Upgrade'],
  ])('refuses %s as InvalidProposal', async (_case, content, reason) => {
    const { env, stores } = fixture();
    const result = await makeProposalFlow(env, USERS.alice, N.a, content);
    expect('Err' in result && result.Err.error_type).toBe(ERROR_TYPE.InvalidProposal);
    expect('Err' in result && result.Err.error_message).toContain(reason);
    expect(stores.wasms.size()).toBe(0);
  });

  it('drops the module of a rejected proposal', async () => {
    const { env, stores } = fixture();
    await makeProposalFlow(env, USERS.alice, N.a, upgrade());
    expect(stores.wasms.size()).toBe(1);
    registerVoteFlow(env, USERS.bob, N.b, 1n, VOTE.No);
    registerVoteFlow(env, USERS.carol, N.c, 1n, VOTE.No);
    expect(stores.proposals.get(proposalKey(1n))!.decided_timestamp_seconds).toBeGreaterThan(0n);
    expect(stores.wasms.size()).toBe(0);
  });
});
