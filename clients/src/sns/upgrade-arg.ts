/**
 * The argument of an upgrade of a Gatehouse canister (the `Upgrade` case of its LifecycleArgs): nothing, or the
 * SNS governance it should obey from now on — how the canisters, installed before their SNS existed, are pointed
 * at the governance the SNS launch created (README, "Mainnet runbook").
 */
import { IDL } from '@icp-sdk/core/candid';
import type { Principal } from '@icp-sdk/core/principal';

import { init as invitationInit } from '../declarations/invitation.did.ts';
import { init as llmInit } from '../declarations/llm.did.ts';
import { init as queueInit } from '../declarations/queue.did.ts';
import { init as registryInit } from '../declarations/registry.did.ts';
import type { GatehouseCanister } from './generic-functions.ts';

const INIT = { registry: registryInit, invitation: invitationInit, queue: queueInit, llm: llmInit };

export function encodeUpgradeArg(canister: GatehouseCanister, change: { governance?: Principal } = {}): Uint8Array {
  // The queue's upgrade may also name the llm canister; this one never changes it.
  const fields = { governance: [change.governance], ...(canister === 'queue' ? { llm: [] } : {}) };
  const value = { Upgrade: change.governance === undefined ? [] : [fields] };
  return new Uint8Array(IDL.encode(INIT[canister]({ IDL }), [value]));
}

/** What an upgrade argument does, in words for a voter (an argument of another shape is named as such). */
export function describeUpgradeArg(canister: GatehouseCanister, arg: Uint8Array | undefined): string {
  if (arg === undefined || arg.length === 0) return 'none (nothing changes)';
  let value: { Init: unknown } | { Upgrade: [] | [{ governance: [] | [Principal]; llm?: [] | [Principal] }] };
  try {
    [value] = IDL.decode(INIT[canister]({ IDL }), arg) as [typeof value];
  } catch {
    return `${arg.length} bytes that are not ${canister}'s upgrade argument (the upgrade will fail)`;
  }
  if ('Init' in value) return `an install argument (Init): ${canister} refuses it on upgrade (the upgrade will fail)`;
  const changes = Object.entries(value.Upgrade[0] ?? {}).flatMap(([name, v]) =>
    v[0] === undefined ? [] : [`${name} becomes ${v[0].toText()}`],
  );
  return changes.length === 0 ? 'Upgrade, nothing changes' : `Upgrade, ${changes.join(', ')}`;
}
